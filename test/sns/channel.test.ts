import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSns, startFakeSns } from '../../sim/sns/index.js';
import { asciiSubject, createSnsChannel, snsSubject } from '../../src/sns/channel.js';
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

describe('the SNS channel, against the fake SNS', () => {
  let fake: FakeSns;
  afterEach(async () => {
    await fake.close();
  });

  it('publishes the subject and the plain text, never the HTML, to the topic', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage());

    expect(fake.published).toEqual([
      expect.objectContaining({
        topicArn: TOPIC_ARN,
        subject: 'lightsail-guard: web_1 stopped (97.0%)',
        message: aMessage().text,
      }),
    ]);
    expect(fake.published[0]?.message).not.toContain('<b>');
    expect(channel.format).toEqual({ body: 'text', limit: 262_144 - 1_024, measure: 'utf8' });
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

  it('packs a body that still fits with its attribute: the largest one is accepted', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const channel = createSnsChannel({ client: snsClient(fake.endpoint), topicArn: TOPIC_ARN });

    await channel.send(aMessage({ type: 'report', text: 'x'.repeat(channel.format.limit) }));

    expect(fake.published).toHaveLength(1);
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

    expect(error?.message).toMatch(
      new RegExp(
        `^Publish to ${TOPIC_ARN} failed: AuthorizationErrorException: .*not authorized to perform: SNS:Publish`,
      ),
    );
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

    expect(error).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.published).toEqual([]);
  });
});
