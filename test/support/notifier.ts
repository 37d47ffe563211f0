import type { Notifier } from '../../src/core/ports.js';

/** A notifier that records every text it delivered, and can be told to fail every send. */
export interface RecordingNotifier extends Notifier {
  /** Texts delivered, in order. */
  readonly sent: string[];
  /** Texts whose send threw. */
  readonly refused: string[];
  /** When set, every `send` throws this error instead of delivering. */
  failWith: Error | undefined;
}

export function recordingNotifier(): RecordingNotifier {
  const notifier: RecordingNotifier = {
    sent: [],
    refused: [],
    failWith: undefined,
    async send(text: string): Promise<void> {
      if (notifier.failWith !== undefined) {
        notifier.refused.push(text);
        throw notifier.failWith;
      }
      notifier.sent.push(text);
    },
  };
  return notifier;
}
