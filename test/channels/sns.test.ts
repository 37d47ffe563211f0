import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSns, type FakeSubscription, startFakeSns } from '../../sim/sns/index.js';
import { ChannelRefusedError, ChannelUnreachableError } from '../../src/channels/errors.js';
import { asciiSubject, createSnsChannel, sns, snsSubject } from '../../src/channels/sns.js';
import { SMS_MESSAGE_TYPES, SNS_TYPE_ATTRIBUTE } from '../../src/constants.js';
import { composeMessages } from '../../src/core/compose.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { measured } from '../../src/core/pack.js';
import { SMS_MAX_CHARS } from '../../src/core/sms.js';
import { testAlertMessage } from '../../src/core/test-alert.js';
import { CREDENTIALS_HINT } from '../../src/lightsail/credentials.js';
import { aMessage } from '../support/messages.js';
import { snsClient, TOPIC_ARN } from '../support/sns.js';

describe('snsSubject and asciiSubject', () => {
  it('keeps a subject to one line of at most 99 characters, cutting with an ellipsis', () => {
    const long = `lightsail-guard: ${'web_1 '.repeat(30)}`;

    expect([...snsSubject(long)]).toHaveLength(99);
    expect(snsSubject(long).endsWith('…')).toBe(true);
    expect(snsSubject('a\r\nb\tc')).toBe('a b c');
    expect(snsSubject('lightsail-guard：节点_1 已停止（97.0%）')).toBe(
      'lightsail-guard：节点_1 已停止（97.0%）',
    );
  });

  it('falls back to the ASCII part of a subject, which always names the guard', () => {
    expect(asciiSubject('lightsail-guard：节点_1 已停止（97.0%）')).toBe('lightsail-guard _1 97.0%');
    expect(asciiSubject('（97.0%）')).toBe('lightsail-guard 97.0%');
    expect(asciiSubject('流量告警')).toBe('lightsail-guard');
  });
});

/** An email address, and a phone number filtered as the stack subscribes it: alerts and tests only. */
const SUBSCRIBERS: FakeSubscription[] = [
  { protocol: 'email', endpoint: 'ops@example.com' },
  {
    protocol: 'sms',
    endpoint: '+15555550100',
    filterPolicy: { [SNS_TYPE_ATTRIBUTE]: [...SMS_MESSAGE_TYPES] },
  },
];

describe('the SNS channel, against the fake SNS', () => {
  let fake: FakeSns;
  afterEach(async () => {
    await fake.close();
  });

  it('publishes one text per protocol: the full plain text to email, the short one to SMS, never the HTML', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], subscriptions: SUBSCRIBERS });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage());

    expect(fake.published).toEqual([
      expect.objectContaining({
        topicArn: TOPIC_ARN,
        subject: 'lightsail-guard: web_1 stopped (97.0%)',
        texts: { default: aMessage().text, sms: aMessage().sms },
      }),
    ]);
    expect(fake.received.map(({ protocol, text }) => ({ protocol, text }))).toEqual([
      { protocol: 'email', text: aMessage().text },
      { protocol: 'sms', text: 'lightsail-guard: STOPPED web_1 (eu-west-2) at 97.0% of its allowance' },
    ]);
    expect(fake.published[0]?.message).not.toContain('<b>');
  });

  it('texts the alerts and the test message to a phone behind the stack’s filter policy, never the report', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], subscriptions: SUBSCRIBERS });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });
    const test = testAlertMessage(new Date('2026-11-28T17:05:30Z'), catalogueFor('zh-CN'), 'here');

    await channel.send(aMessage({ type: 'report', sms: 'the report' }));
    await channel.send(test);

    expect(fake.received.filter((one) => one.protocol === 'sms').map((one) => one.text)).toEqual([test.sms]);
    expect(fake.received.filter((one) => one.protocol === 'email').map((one) => one.text)).toEqual([
      aMessage().text,
      test.text,
    ]);
  });

  it('names what a message is in its "type" attribute, so a subscription filter policy can keep the report from SMS', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage());
    await channel.send(aMessage({ type: 'report' }));

    expect(fake.published.map((message) => message.attributes)).toEqual([
      { type: 'alerts' },
      { type: 'report' },
    ]);
  });

  it('packs a body that still fits once escaped in the structure beside the longest SMS text: the largest one is accepted', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });
    // A control character is escaped as six bytes (\u0001): the worst case for both texts.
    const limit = channel.format.limit;
    const text = `${'\u0001'.repeat(Math.floor(limit / 6))}${'x'.repeat(limit % 6)}`;

    await channel.send(aMessage({ type: 'report', text, sms: '\u0001'.repeat(SMS_MAX_CHARS) }));

    expect(measured(text, channel.format.measure)).toBe(limit);
    expect(fake.published).toHaveLength(1);
  });

  it('packs text full of quotes and line breaks into messages SNS accepts, though escaping doubles them', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });
    const line = `"${'"\n'.repeat(200)}"`;
    const blocks = Array.from({ length: 1_000 }, (_, index) => ({
      html: line,
      data: { kind: 'note', text: line },
      ref: index,
    }));
    const composed = composeMessages({
      blocks,
      format: channel.format,
      separator: '\n\n',
      type: 'report',
      language: 'en',
      subject: () => 'lightsail-guard: report',
      sms: () => 'lightsail-guard report',
    });

    for (const { message } of composed) await channel.send(message);

    expect(composed.length).toBeGreaterThan(1);
    expect(fake.published).toHaveLength(composed.length);
  });

  it('publishes again under the ASCII subject when SNS refuses a UTF-8 one, so the alert is not lost', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], asciiSubjects: true });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage({ subject: 'lightsail-guard：web_1 已停止（97.0%）' }));

    expect(fake.requests).toBe(2);
    expect(fake.published.map((message) => message.subject)).toEqual(['lightsail-guard web_1 97.0%']);
  });

  it('rides out throttling with the SDK retries', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    fake.injectFault({ kind: 'throttled', times: 2 });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage());

    expect(fake.requests).toBe(3);
    expect(fake.published).toHaveLength(1);
  });

  it('fails naming the topic and the refusal when the role may not publish', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    fake.injectFault({ kind: 'authorization-error' });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toMatch(
      new RegExp(
        `^Publish to ${TOPIC_ARN} failed: AuthorizationErrorException: .*not authorized to perform: SNS:Publish`,
      ),
    );
  });

  it('says SNS could not be reached, not that it refused, when no time is left to publish', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN, deadline: 0 });

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error).toBeInstanceOf(ChannelUnreachableError);
    expect(error).toMatchObject({ attempts: 0 });
    expect(fake.requests).toBe(0);
  });

  it('ends at the run deadline when SNS never answers', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    fake.injectFault({ kind: 'hang' });
    const started = Date.now();
    const channel = createSnsChannel({
      client: snsClient(fake.endpoint),
      topicArn: TOPIC_ARN,
      deadline: started + 500,
    });

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error).toBeInstanceOf(ChannelUnreachableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.published).toEqual([]);
  });

  it('says no AWS credentials were found, with the hint the Lightsail calls give', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const client = snsClient(fake.endpoint);
    client.config.credentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const channel = createSnsChannel({ client, topicArn: TOPIC_ARN });

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error?.message).toBe(
      `Publish to ${TOPIC_ARN} failed: no AWS credentials found (Could not load credentials from any providers)`,
    );
    expect(sns.hint?.(error)).toBe(CREDENTIALS_HINT);
    expect(fake.published).toEqual([]);
  });
});
