/**
 * The Bot API calls of the chat commands: the webhook function's replies, buttons and admin checks,
 * and the CLI's `telegram-commands` set-up. One attempt each: a reply that fails is logged, and
 * Telegram's redelivery is not wanted for a command that may have acted. The calls go through the
 * one Bot API client (`createBotApiCall`), so every error is token-free and a timeout says so.
 */

import { type BotApiOptions, createBotApiCall } from '../bot-api.js';

/** One inline-keyboard button. */
export interface Button {
  readonly text: string;
  readonly callbackData: string;
}

/** A chat command as `setMyCommands` lists it. */
export interface BotCommand {
  readonly command: string;
  readonly description: string;
}

export interface CommandBot {
  getMe(): Promise<{ readonly id: number; readonly username: string }>;
  /** Sends HTML; resolves to the new message's id. */
  sendMessage(
    chatId: string,
    html: string,
    options?: { readonly replyTo?: number; readonly button?: Button },
  ): Promise<number>;
  /** Replaces a message's text and removes its buttons. */
  editMessageText(chatId: string, messageId: number, html: string): Promise<void>;
  answerCallbackQuery(id: string, text: string, alert?: boolean): Promise<void>;
  /** The user ids of a group's administrators. */
  getChatAdministrators(chatId: string): Promise<readonly number[]>;
  setWebhook(params: {
    readonly url: string;
    readonly secretToken: string;
    readonly allowedUpdates: readonly string[];
  }): Promise<void>;
  deleteWebhook(): Promise<void>;
  /** `languageCode` unset: the default list, for every language without its own. */
  setMyCommands(commands: readonly BotCommand[], languageCode?: string): Promise<void>;
  deleteMyCommands(languageCode?: string): Promise<void>;
  getWebhookInfo(): Promise<Readonly<Record<string, unknown>>>;
}

/** The options of the one Bot API client (`createBotApiCall`): token, API root, fetch, timeout. */
export type CommandBotOptions = BotApiOptions;

export function createCommandBot(options: CommandBotOptions): CommandBot {
  const call = createBotApiCall(options);

  const keyboard = (button: Button | undefined) =>
    button === undefined
      ? {}
      : { reply_markup: { inline_keyboard: [[{ text: button.text, callback_data: button.callbackData }]] } };

  return {
    async getMe() {
      const result = (await call('getMe')) as { id?: unknown; username?: unknown } | undefined;
      return { id: Number(result?.id), username: String(result?.username ?? '') };
    },
    async sendMessage(chatId, html, options = {}) {
      const result = (await call('sendMessage', {
        chat_id: chatId,
        text: html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(options.replyTo === undefined
          ? {}
          : { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }),
        ...keyboard(options.button),
      })) as { message_id?: unknown } | undefined;
      return Number(result?.message_id);
    },
    async editMessageText(chatId, messageId, html) {
      // No reply_markup: the button is removed with the edit.
      await call('editMessageText', {
        chat_id: chatId,
        message_id: messageId,
        text: html,
        parse_mode: 'HTML',
      });
    },
    async answerCallbackQuery(id, text, alert = false) {
      await call('answerCallbackQuery', { callback_query_id: id, text, show_alert: alert });
    },
    async getChatAdministrators(chatId) {
      const result = await call('getChatAdministrators', { chat_id: chatId });
      if (!Array.isArray(result)) return [];
      return result.flatMap((member: { user?: { id?: unknown } }) =>
        typeof member?.user?.id === 'number' ? [member.user.id] : [],
      );
    },
    async setWebhook({ url, secretToken, allowedUpdates }) {
      await call('setWebhook', {
        url,
        secret_token: secretToken,
        allowed_updates: allowedUpdates,
        // Commands typed while no webhook was set are stale: do not act on them now.
        drop_pending_updates: true,
      });
    },
    async deleteWebhook() {
      await call('deleteWebhook', { drop_pending_updates: true });
    },
    async setMyCommands(commands, languageCode) {
      await call('setMyCommands', {
        commands,
        ...(languageCode === undefined ? {} : { language_code: languageCode }),
      });
    },
    async deleteMyCommands(languageCode) {
      await call('deleteMyCommands', languageCode === undefined ? {} : { language_code: languageCode });
    },
    async getWebhookInfo() {
      const result = await call('getWebhookInfo');
      return typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
    },
  };
}
