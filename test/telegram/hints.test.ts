import { describe, expect, it } from 'vitest';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { telegramHint } from '../../src/telegram/hints.js';

const refused = (errorCode: number, description: string) =>
  new TelegramRefusedError({ method: 'sendMessage', errorCode, description });

describe('telegramHint: what to do about a failed send', () => {
  it.each([
    [refused(401, 'Unauthorized'), /copy the token again from @BotFather/],
    [refused(400, 'Bad Request: chat not found'), /never been in chat TELEGRAM_CHAT_ID.*find-chat-id/],
    [refused(400, 'Bad Request: group chat was upgraded to a supergroup chat'), /new id: .*find-chat-id/],
    [refused(403, 'Forbidden: bot was blocked by the user'), /press Restart/],
    [refused(403, 'Forbidden: bot was kicked from the supergroup chat'), /add it again/],
    [refused(403, 'Forbidden: bot is not a member of the channel chat'), /administrator allowed to post/],
    [refused(400, 'Bad Request: need administrator rights in the channel chat'), /make it an administrator/],
    [new TelegramNetworkError('gave up', { method: 'sendMessage', attempts: 3 }), /check the network/],
  ])('answers %s', (error, hint) => {
    expect(telegramHint(error)).toMatch(hint);
  });

  it('says nothing it does not know', () => {
    expect(telegramHint(refused(400, 'Bad Request: message is too long'))).toBeUndefined();
    expect(telegramHint(new Error('other'))).toBeUndefined();
  });
});
