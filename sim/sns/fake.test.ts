import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { snsClient, TOPIC_ARN } from '../../test/support/sns.js';
import {
  type FakeSns,
  type FakeSubscription,
  MAX_MESSAGE_BYTES,
  SMS_PUBLISH_MAX_CHARS,
  startFakeSns,
} from './index.js';

/** The error the real client throws for this Publish, or undefined when it succeeds. */
async function refusal(
  fake: FakeSns,
  input: ConstructorParameters<typeof PublishCommand>[0],
  region?: string,
) {
  return snsClient(fake.endpoint, region)
    .send(new PublishCommand(input))
    .then(
      () => undefined,
      (error: unknown) => error as Error & { $metadata: { httpStatusCode?: number } },
    );
}

describe('the fake SNS, through the real @aws-sdk/client-sns', () => {
  let fake: FakeSns;
  afterEach(async () => {
    await fake.close();
  });

  it('accepts a Publish in the AWS Query protocol and answers with a MessageId the SDK reads', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });

    const answer = await snsClient(fake.endpoint).send(
      new PublishCommand({
        TopicArn: TOPIC_ARN,
        Subject: '流量告警 & <b>',
        Message: '已用 97.00 GB / 100.00 GB',
      }),
    );

    expect(answer.MessageId).toBe(fake.published[0]?.messageId);
    expect(fake.published).toEqual([
      expect.objectContaining({
        topicArn: TOPIC_ARN,
        subject: '流量告警 & <b>',
        message: '已用 97.00 GB / 100.00 GB',
      }),
    ]);
  });

  it('keeps String message attributes, and counts them against the 256 KB', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    const attribute = { type: { DataType: 'String', StringValue: 'report' } };

    await snsClient(fake.endpoint).send(
      new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'x', MessageAttributes: attribute }),
    );
    const tooBig = await refusal(fake, {
      TopicArn: TOPIC_ARN,
      Message: 'x'.repeat(MAX_MESSAGE_BYTES - 5),
      MessageAttributes: attribute,
    });

    expect(fake.published.map((message) => message.attributes)).toEqual([{ type: 'report' }]);
    expect(tooBig?.name).toBe('InvalidParameterException');
  });

  it('refuses an attribute name SNS reserves', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });

    const error = await refusal(fake, {
      TopicArn: TOPIC_ARN,
      Message: 'x',
      MessageAttributes: { 'AWS.type': { DataType: 'String', StringValue: 'alerts' } },
    });

    expect(error?.$metadata.httpStatusCode).toBe(400);
    expect(fake.published).toEqual([]);
  });

  it.each([
    [
      'a topic that does not exist',
      { TopicArn: `${TOPIC_ARN}-gone`, Message: 'x' },
      'NotFoundException',
      404,
    ],
    ['an empty message', { TopicArn: TOPIC_ARN, Message: '' }, 'InvalidParameterException', 400],
    [
      'a message over 256 KB',
      { TopicArn: TOPIC_ARN, Message: 'x'.repeat(MAX_MESSAGE_BYTES + 1) },
      'InvalidParameterException',
      400,
    ],
    [
      'a subject of 100 characters',
      { TopicArn: TOPIC_ARN, Message: 'x', Subject: 's'.repeat(100) },
      'InvalidParameterException',
      400,
    ],
    [
      'a subject with a line break',
      { TopicArn: TOPIC_ARN, Message: 'x', Subject: 'a\nb' },
      'InvalidParameterException',
      400,
    ],
  ])('refuses %s as SNS does', async (_what, input, name, status) => {
    fake = await startFakeSns({ topics: [TOPIC_ARN, `${TOPIC_ARN}.fifo`] });

    const error = await refusal(fake, input);

    expect(error?.name).toBe(name);
    expect(error?.$metadata.httpStatusCode).toBe(status);
    expect(fake.published).toEqual([]);
  });

  it('accepts a subject of 99 characters, and refuses a request signed for another region than the topic', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });

    expect(
      await refusal(fake, { TopicArn: TOPIC_ARN, Message: 'x', Subject: 's'.repeat(99) }),
    ).toBeUndefined();
    expect((await refusal(fake, { TopicArn: TOPIC_ARN, Message: 'x' }, 'us-east-1'))?.message).toContain(
      'TopicArn',
    );
  });

  it('refuses a non-ASCII subject when told to, as older documentation says SNS does', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], asciiSubjects: true });

    const error = await refusal(fake, { TopicArn: TOPIC_ARN, Message: 'x', Subject: '流量告警' });

    expect(error?.name).toBe('InvalidParameterException');
    expect(error?.message).toContain('Subject');
  });

  it('plays an authorization error with the status and code SNS uses', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN] });
    fake.injectFault({ kind: 'authorization-error' });

    const error = await refusal(fake, { TopicArn: TOPIC_ARN, Message: 'x' });

    expect(error?.name).toBe('AuthorizationErrorException');
    expect(error?.$metadata.httpStatusCode).toBe(403);
  });
});

describe('MessageStructure=json and subscribers, in the fake SNS', () => {
  let fake: FakeSns;
  afterEach(async () => {
    await fake.close();
  });

  const PHONE = '+15555550100';
  const subscriptions: FakeSubscription[] = [
    { protocol: 'email', endpoint: 'ops@example.com' },
    { protocol: 'sms', endpoint: PHONE, filterPolicy: { type: ['alerts', 'test'] } },
  ];

  it('gives each protocol its own entry of the structure, and default to the rest', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], subscriptions });

    await snsClient(fake.endpoint).send(
      new PublishCommand({
        TopicArn: TOPIC_ARN,
        Subject: 'web-1 stopped',
        Message: JSON.stringify({ default: 'the full text\nwith details', sms: 'web-1 stopped' }),
        MessageStructure: 'json',
        MessageAttributes: { type: { DataType: 'String', StringValue: 'alerts' } },
      }),
    );

    expect(fake.published[0]?.texts).toEqual({
      default: 'the full text\nwith details',
      sms: 'web-1 stopped',
    });
    expect(
      fake.received.map(({ protocol, subject, text, segments }) => ({ protocol, subject, text, segments })),
    ).toEqual([
      {
        protocol: 'email',
        subject: 'web-1 stopped',
        text: 'the full text\nwith details',
        segments: undefined,
      },
      { protocol: 'sms', subject: undefined, text: 'web-1 stopped', segments: 1 },
    ]);
  });

  it('delivers to a phone only what its filter policy lets through, and no text over 1,600 characters', async () => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], subscriptions });
    const send = (type: string, message: string) =>
      snsClient(fake.endpoint).send(
        new PublishCommand({
          TopicArn: TOPIC_ARN,
          Message: message,
          MessageAttributes: { type: { DataType: 'String', StringValue: type } },
        }),
      );

    await send('report', 'the daily report');
    await send('alerts', 'x'.repeat(SMS_PUBLISH_MAX_CHARS + 1));
    await send('alerts', '流量告警'.repeat(20));

    expect(fake.received.filter((one) => one.protocol === 'sms').map((one) => one.segments)).toEqual([2]);
    expect(fake.received.filter((one) => one.protocol === 'email')).toHaveLength(3);
  });

  it.each([
    ['a structure without a default entry', JSON.stringify({ sms: 'short' }), 'json', 'No default entry'],
    ['a structure that is not JSON', '{"default": "full"', 'json', 'failed to parse'],
    ['a structure whose entry is not a string', JSON.stringify({ default: 'full', sms: 3 }), 'json', 'sms'],
    ['a MessageStructure other than json', JSON.stringify({ default: 'full' }), 'xml', 'MessageStructure'],
  ])('refuses %s with InvalidParameter', async (_what, message, structure, reason) => {
    fake = await startFakeSns({ topics: [TOPIC_ARN], subscriptions });

    const error = await refusal(fake, { TopicArn: TOPIC_ARN, Message: message, MessageStructure: structure });

    expect(error?.name).toBe('InvalidParameterException');
    expect(error?.message).toContain(reason);
    expect(fake.published).toEqual([]);
    expect(fake.received).toEqual([]);
  });
});
