export type { CallbackAnswer } from './commands.js';
export type { TelegramFault } from './faults.js';
export { checkMessageText, MAX_MESSAGE_LENGTH } from './message-text.js';
export type { PausedMessage, TelegramPause, TelegramPauseOptions } from './pause.js';
export type { FakeTelegram, FakeTelegramOptions, ReceivedMessage } from './server.js';
export { FAKE_TELEGRAM_TOKEN, startFakeTelegram } from './server.js';
export type { FakeUser, FakeWebhook, SeedUpdate, Update } from './updates.js';
export { botMembership, channelPost, privateMessage, WEBHOOK_CONFLICT } from './updates.js';
export { buttonPress, chatMessage, functionUrlEvent } from './webhook-updates.js';
