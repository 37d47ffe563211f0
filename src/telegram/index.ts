// What the rest of the guard takes from the Telegram adapter: config validates and redacts with
// it, the entry points build the notifier. Tests import the modules themselves.
export { redact } from './errors.js';
export { createTelegramNotifier } from './notifier.js';
export { validateBotToken, validateChatId } from './validate.js';
