import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../infra/settings.js';
import { ENV } from '../../src/constants.js';
import { CDK_JSON_CONTEXT, synthStack } from './synth.js';

const OWN_TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:my-alerts';

let none: Template;
let created: Template;
let own: Template;

beforeAll(() => {
  none = synthStack({ telegramChatId: '-1001234567890' }).template;
  created = synthStack({
    alertEmails: 'me@example.com, ops@example.com',
    alertPhoneNumbers: '+8613800138000',
  }).template;
  own = synthStack({ snsTopicArn: OWN_TOPIC }).template;
});

const properties = (template: Template, type: string): ({ id: string } & Record<string, unknown>)[] =>
  Object.entries(template.findResources(type)).map(([id, resource]) => ({
    ...(resource as { Properties: Record<string, unknown> }).Properties,
    id,
  }));

const environment = (template: Template): Record<string, unknown> => {
  const [fn] = properties(template, 'AWS::Lambda::Function');
  return (fn?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables ?? {};
};

const publishStatements = (template: Template) =>
  properties(template, 'AWS::IAM::Policy')
    .filter(({ id }) => id.startsWith('GuardPolicy'))
    .flatMap(({ PolicyDocument }) => (PolicyDocument as { Statement: Record<string, unknown>[] }).Statement)
    .filter((statement) => [statement.Action].flat().some((action) => String(action).startsWith('sns:')));

describe('the alert topic', () => {
  it('is created with an email subscription per address and an SMS one per number, and is the function’s SNS_TOPIC_ARN', () => {
    const topics = properties(created, 'AWS::SNS::Topic').filter(({ id }) => id.startsWith('AlertTopic'));
    expect(topics).toHaveLength(1);
    expect(topics[0]?.DisplayName).toBe('lightsail-guard alerts');
    const subscriptions = properties(created, 'AWS::SNS::Subscription').map((s) => [
      s.Protocol,
      s.Endpoint,
      (s.TopicArn as { Ref: string }).Ref,
    ]);
    expect(subscriptions).toEqual([
      ['email', 'me@example.com', topics[0]?.id],
      ['email', 'ops@example.com', topics[0]?.id],
      ['sms', '+8613800138000', topics[0]?.id],
    ]);
    expect(environment(created)[ENV.snsTopicArn]).toEqual({ Ref: topics[0]?.id });
    expect(Object.keys(created.findOutputs('AlertTopicArn'))).toEqual(['AlertTopicArn']);
  });

  it('texts alerts and the test message only: the SMS subscription filters out the daily report, email gets all', () => {
    const filters = Object.fromEntries(
      properties(created, 'AWS::SNS::Subscription').map((s) => [s.Endpoint as string, s.FilterPolicy]),
    );

    expect(filters['+8613800138000']).toEqual({ type: ['alerts', 'test'] });
    expect(filters['me@example.com']).toBeUndefined();
  });

  it('may be published to, and nothing else in SNS: sns:Publish on that topic only', () => {
    const topicId = properties(created, 'AWS::SNS::Topic').find(({ id }) => id.startsWith('AlertTopic'))?.id;

    expect(publishStatements(created)).toEqual([
      { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId } },
    ]);
    expect(publishStatements(own)).toEqual([
      { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: OWN_TOPIC },
    ]);
  });

  it('is not created for a topic of the user’s own, which becomes SNS_TOPIC_ARN as given', () => {
    expect(properties(own, 'AWS::SNS::Topic').map(({ id }) => id)).toEqual([
      expect.stringMatching(/^AlarmsTopic/),
    ]);
    expect(environment(own)[ENV.snsTopicArn]).toBe(OWN_TOPIC);
    expect(own.findOutputs('AlertTopicArn')).toEqual({});
  });

  it('is nothing at all when unset: no topic, no SNS_TOPIC_ARN, no SNS permission', () => {
    expect(properties(none, 'AWS::SNS::Topic').map(({ id }) => id)).toEqual([
      expect.stringMatching(/^AlarmsTopic/),
    ]);
    expect(environment(none)).not.toHaveProperty(ENV.snsTopicArn);
    expect(publishStatements(none)).toEqual([]);
  });
});

describe('alert topic settings', () => {
  const read = (overrides: Record<string, unknown>) =>
    readSettings((key) => ({ ...CDK_JSON_CONTEXT, ...overrides })[key]);

  it('refuses subscribers together with a topic of the user’s own', () => {
    expect(() => read({ snsTopicArn: OWN_TOPIC, alertEmails: 'me@example.com' })).toThrow(
      /alertEmails and alertPhoneNumbers subscribe to the topic the stack creates/,
    );
  });

  it.each([
    [
      { alertEmails: 'me@example.com,not-an-address' },
      'alertEmails: expected comma-separated email addresses, got "not-an-address"',
    ],
    [
      { alertPhoneNumbers: '13800138000' },
      'alertPhoneNumbers: expected comma-separated phone numbers in E.164 form',
    ],
    [{ snsTopicArn: 'my-alerts' }, 'snsTopicArn: SNS_TOPIC_ARN must be a topic ARN'],
  ])('refuses %o, naming the key', (overrides, message) => {
    expect(() => read(overrides)).toThrow(SettingsError);
    expect(() => read(overrides)).toThrow(message);
  });
});
