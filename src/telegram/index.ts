export { redact, TelegramNetworkError, TelegramRefusedError } from './errors.js';
export type { TelegramNotifierOptions } from './notifier.js';
export { createTelegramNotifier } from './notifier.js';
export { validateBotToken, validateChatId } from './validate.js';
