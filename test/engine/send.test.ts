import { describe, expect, it } from 'vitest';
import { ChannelUnreachableError } from '../../src/channels/errors.js';
import type { Composed } from '../../src/core/compose.js';
import type { OutgoingMessage } from '../../src/core/ports.js';
import { preview, results, sendAll } from '../../src/engine/send.js';
import type { LogEvent } from '../../src/engine/types.js';
import { recordingChannel } from '../support/channel.js';
import { inMemoryFleet } from '../support/fleet.js';

const TELEGRAM_FORMAT = { body: 'html', limit: 4096, measure: 'chars' } as const;

/** A composed message whose HTML and plain text differ, so that which one was used shows. */
function aComposed(subject: string): Composed<number> {
  const message: OutgoingMessage = {
    type: 'alerts',
    language: 'en',
    subject,
    html: `<b>${subject}</b> <code>web-1</code>`,
    text: `${subject} web-1`,
    sms: subject,
    events: [],
  };
  return { message, blocks: [] };
}

function depsWith(channels: Parameters<typeof sendAll>[1][], log?: (event: LogEvent) => void) {
  const fleet = inMemoryFleet({ regions: ['us-east-1'], instances: [] });
  return { fleet, channels, now: () => new Date(0), ...(log === undefined ? {} : { log }) };
}

describe('sending messages to channels', () => {
  it('gives a message the network could not carry its cause and what to check', async () => {
    const webhook = recordingChannel('webhook');
    const failure = {
      kind: 'dns',
      cause: 'the host name does not resolve: getaddrinfo ENOTFOUND hooks.invalid',
      cure: 'Check the host name in WEBHOOK_URL (hooks.invalid) for a typo.',
      retry: false,
    } as const;
    const unreachable = {
      ...webhook,
      async send() {
        throw new ChannelUnreachableError(`Webhook: ${failure.cause}; not retried`, 1, { failure });
      },
    };

    const sent = await sendAll(depsWith([unreachable]), unreachable, [aComposed('Stopped')]);

    expect(results('alert', sent).problems).toEqual([
      'Webhook: alert message 1 of 1 not delivered: ChannelUnreachableError: Webhook: the host name does not resolve: getaddrinfo ENOTFOUND hooks.invalid; not retried. Check the host name in WEBHOOK_URL (hooks.invalid) for a typo.',
    ]);
  });

  it('shows each message as its channel got it: HTML for Telegram, plain text for the rest', async () => {
    const telegram = recordingChannel('telegram', TELEGRAM_FORMAT);
    const sns = recordingChannel('sns');
    const deps = depsWith([telegram, sns]);

    const sent = [
      ...(await sendAll(deps, telegram, [aComposed('Stopped')])),
      ...(await sendAll(deps, sns, [aComposed('Stopped')])),
    ];
    const delivery = results('alert', sent);

    expect(delivery.messages).toEqual([
      { channel: 'telegram', subject: 'Stopped', text: '<b>Stopped</b> <code>web-1</code>', status: 'sent' },
      { channel: 'sns', subject: 'Stopped', text: 'Stopped web-1', status: 'sent' },
    ]);
    expect(delivery.problems).toEqual([]);
  });

  it('gives a failed message its error, numbers it among its channel’s messages and sends the rest', async () => {
    const events: LogEvent[] = [];
    const sns = recordingChannel('sns');
    const deps = depsWith([sns], (event) => events.push(event));
    let calls = 0;
    const flaky = {
      ...sns,
      async send(message: OutgoingMessage) {
        calls += 1;
        if (calls === 2) throw new Error('Throttled');
        await sns.send(message);
      },
    };

    const delivery = results('report', await sendAll(deps, flaky, ['one', 'two', 'three'].map(aComposed)));

    expect(sns.sent.map((message) => message.subject)).toEqual(['one', 'three']);
    expect(delivery.messages.map(({ subject, status, error }) => ({ subject, status, error }))).toEqual([
      { subject: 'one', status: 'sent', error: undefined },
      { subject: 'two', status: 'failed', error: 'Throttled' },
      { subject: 'three', status: 'sent', error: undefined },
    ]);
    expect(delivery.messages.map((message) => 'error' in message)).toEqual([false, true, false]);
    expect(delivery.problems).toEqual(['Amazon SNS: report message 2 of 3 not delivered: Throttled']);
    expect(events).toEqual([
      { level: 'error', msg: 'message not delivered', channel: 'sns', error: 'Throttled' },
    ]);
  });

  it('previews messages as HTML under the names of every channel, sending nothing and reporting no problem', () => {
    const telegram = recordingChannel('telegram', TELEGRAM_FORMAT);
    const sns = recordingChannel('sns');

    const delivery = preview(depsWith([telegram, sns]), () => [aComposed('Stopped')]);

    expect(delivery).toEqual({
      messages: [
        {
          channel: 'telegram,sns',
          subject: 'Stopped',
          text: '<b>Stopped</b> <code>web-1</code>',
          status: 'dry-run',
        },
      ],
      problems: [],
    });
    expect([...telegram.sent, ...sns.sent]).toEqual([]);
  });
});
