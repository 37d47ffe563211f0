/** The fake's pause gate for `sendMessage`: hold a message at an exact step, then release it. */

/** Which `sendMessage` requests `pause()` holds, and at which step. */
export interface TelegramPauseOptions {
  /**
   * Default false: the request is held as it arrives and the message is checked and recorded in
   * `messages` only after `release()`; one whose client went away meanwhile is never recorded.
   * True: the message is recorded first and only the answer is held, as when Telegram delivered
   * it but the answer never reached the client.
   */
  deliverFirst?: boolean;
  /** How many `sendMessage` requests to hold; omitted, every one until `release()`. */
  times?: number;
}

/** The `sendMessage` a pause held, with its parameters as sent. */
export interface PausedMessage {
  chatId: string;
  text: string;
}

/** A pause gate. Only `sendMessage` is held; other methods and injected faults pass it by. */
export interface TelegramPause {
  /**
   * Resolves with the first message held (with `deliverFirst`, once it was recorded); rejects if the
   * fake closes before one arrives.
   */
  arrived: Promise<PausedMessage>;
  /** Lets every held request go on, and every later one through. */
  release(): void;
}
