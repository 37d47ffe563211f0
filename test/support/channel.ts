import { type ChannelName, channelLabel } from '../../src/channels/registry.js';
import type { Channel, ChannelFormat, OutgoingMessage } from '../../src/core/ports.js';

/** A channel that records every message it took, and can be told to fail every send. */
export interface RecordingChannel extends Channel {
  readonly sent: OutgoingMessage[];
  /** When set, every `send` throws this error instead of delivering. */
  failWith: Error | undefined;
}

/** A text channel with SNS's limits unless told otherwise. */
export function recordingChannel(
  name: ChannelName,
  format: ChannelFormat = { body: 'text', limit: 262_144, measure: 'utf8' },
): RecordingChannel {
  const channel: RecordingChannel = {
    name,
    label: channelLabel(name),
    format,
    sent: [],
    failWith: undefined,
    async send(message) {
      if (channel.failWith !== undefined) throw channel.failWith;
      channel.sent.push(message);
    },
  };
  return channel;
}
