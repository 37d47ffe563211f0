/**
 * What the chat commands need of the fake beyond `sendMessage`: editing a message (and so removing
 * its buttons), answering a button press, a group's administrators, and the bot's command lists.
 */

import { checkMessageText } from './message-text.js';
import { ok, type Params, type ReceivedMessage, type Reply, refusal } from './send-message.js';

/** An answer to a button press, as `answerCallbackQuery` got it. */
export interface CallbackAnswer {
  callbackQueryId: string;
  text: string;
  showAlert: boolean;
}

/** The state the command methods read and change. */
export class CommandState {
  /** `answerCallbackQuery` calls, in order. */
  readonly callbackAnswers: CallbackAnswer[] = [];
  /** `setMyCommands` lists by language code (`''`: the default list). */
  readonly commands = new Map<string, { command: string; description: string }[]>();
  /** Administrators' user ids by chat id, for `getChatAdministrators`. */
  readonly admins = new Map<string, number[]>();

  constructor(private readonly messages: ReceivedMessage[]) {}

  /** `editMessageText`: replaces the text; without `reply_markup` the buttons are gone. */
  editMessageText(params: Params, strictHtml: boolean): Reply {
    const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
    const messageId = Number(params.message_id);
    const message = this.messages.find((one) => one.chatId === chatId && one.messageId === messageId);
    if (message === undefined) return refusal(400, 'Bad Request: message to edit not found');
    const text = typeof params.text === 'string' ? params.text : '';
    const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
    const checked = checkMessageText(text, parseMode, strictHtml);
    if (!checked.ok) return refusal(400, `Bad Request: ${checked.description}`);
    if (text === message.text && params.reply_markup === undefined && message.replyMarkup === undefined) {
      return refusal(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.text = text;
    if (parseMode === undefined) delete message.parseMode;
    else message.parseMode = parseMode;
    if (params.reply_markup === undefined) delete message.replyMarkup;
    else message.replyMarkup = params.reply_markup;
    return ok({ message_id: messageId, chat: { id: Number(chatId) }, text: checked.plainText });
  }

  answerCallbackQuery(params: Params): Reply {
    const id = typeof params.callback_query_id === 'string' ? params.callback_query_id : '';
    if (id === '')
      return refusal(
        400,
        'Bad Request: query is too old and response timeout expired or query ID is invalid',
      );
    this.callbackAnswers.push({
      callbackQueryId: id,
      text: typeof params.text === 'string' ? params.text : '',
      showAlert: params.show_alert === true,
    });
    return ok(true);
  }

  getChatAdministrators(params: Params): Reply {
    const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
    const admins = this.admins.get(chatId);
    if (admins === undefined) return refusal(400, 'Bad Request: chat not found');
    return ok(
      admins.map((id) => ({
        status: 'administrator',
        user: { id, is_bot: false, first_name: `Admin ${id}` },
      })),
    );
  }

  setMyCommands(params: Params): Reply {
    const commands = Array.isArray(params.commands) ? params.commands : [];
    const valid = commands.every(
      (one: { command?: unknown; description?: unknown }) =>
        typeof one?.command === 'string' &&
        /^[a-z0-9_]{1,32}$/.test(one.command) &&
        typeof one.description === 'string' &&
        one.description.length >= 1 &&
        one.description.length <= 256,
    );
    if (!valid || commands.length > 100) return refusal(400, 'Bad Request: BOT_COMMAND_INVALID');
    this.commands.set(typeof params.language_code === 'string' ? params.language_code : '', commands);
    return ok(true);
  }

  deleteMyCommands(params: Params): Reply {
    this.commands.delete(typeof params.language_code === 'string' ? params.language_code : '');
    return ok(true);
  }
}
