import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsPolicyDocument } from '../../infra/commands-policy.js';
import { readSettings } from '../../infra/settings.js';
import { ENV } from '../../src/constants.js';
import { synthStack } from './synth.js';

let off: Template;
let on: Template;
let onStack: ReturnType<typeof synthStack>['stack'];

beforeAll(() => {
  off = synthStack({ telegramChatId: '-1001234567890' }).template;
  const synthesized = synthStack({
    telegramChatId: '-1001234567890',
    telegramCommands: 'true',
    telegramAdminIds: '42,43',
  });
  on = synthesized.template;
  onStack = synthesized.stack;
});

function statementsOf(template: Template, prefix: string): Array<Record<string, unknown>> {
  const found = Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(prefix))
    .map(
      ([, r]) =>
        (r as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties,
    );
  expect(found).toHaveLength(1);
  return found[0]?.PolicyDocument.Statement ?? [];
}

describe('the telegramCommands setting', () => {
  it('is off by default: one function, no Function URL, no output, no start or untag grant', () => {
    off.resourceCountIs('AWS::Lambda::Function', 1);
    off.resourceCountIs('AWS::Lambda::Url', 0);
    expect(Object.keys(off.findOutputs('TelegramCommandsUrl'))).toEqual([]);
    const actions = JSON.stringify(off.findResources('AWS::IAM::Policy'));
    expect(actions).not.toContain('lightsail:UntagResource');
    expect(actions).not.toContain('lightsail:StartInstance');
  });

  it('adds a second function with a Function URL of AuthType NONE and its URL as an output', () => {
    on.resourceCountIs('AWS::Lambda::Function', 2);
    on.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TelegramCommands'), 'Arn'] },
    });
    on.hasOutput('TelegramCommandsUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TelegramCommandsFunctionUrl'), 'FunctionUrl'] },
    });
  });

  it('leaves the commands function without reserved concurrency, so a running check cannot throttle a command', () => {
    const functions = Object.entries(on.findResources('AWS::Lambda::Function')).map(
      ([id, r]) => [id, (r as { Properties: Record<string, unknown> }).Properties] as const,
    );
    const commands = functions.find(([id]) => id.startsWith('TelegramCommands'))?.[1];
    const guard = functions.find(([id]) => id.startsWith('Guard'))?.[1];

    expect(guard?.ReservedConcurrentExecutions).toBe(1);
    expect(commands?.ReservedConcurrentExecutions).toBeUndefined();
    expect(commands).toMatchObject({
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
  });

  it("gives the commands function the chat, the token's parameter and TELEGRAM_ADMIN_IDS", () => {
    on.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('chat commands'),
      Environment: {
        Variables: Match.objectLike({
          [ENV.telegramChatId]: '-1001234567890',
          [ENV.telegramBotTokenParameter]: '/lightsail-guard/telegram-bot-token',
          [ENV.telegramAdminIds]: '42,43',
        }),
      },
    });
  });

  it('grants the commands function reads, tag writes and StartInstance never of a held instance, and no StopInstance', () => {
    const statements = statementsOf(on, 'TelegramCommandsPolicy');
    const actions = statements.flatMap((s) => [s.Action].flat());

    expect(actions).toEqual(
      expect.arrayContaining([
        'lightsail:GetInstances',
        'lightsail:TagResource',
        'lightsail:UntagResource',
        'lightsail:StartInstance',
        'ssm:GetParameter',
      ]),
    );
    expect(actions).not.toContain('lightsail:StopInstance');
    expect(statements.find((s) => s.Action === 'lightsail:StartInstance')?.Condition).toEqual({
      StringNotLike: { 'aws:ResourceTag/lightsail-guard:hold': '*' },
    });
  });

  it("leaves the scheduled function's permissions as they are", () => {
    expect(statementsOf(on, 'GuardPolicy')).toEqual(statementsOf(off, 'GuardPolicy'));
  });

  it('stops synthesis without a chat to command from', () => {
    const { stack } = synthStack({ alertEmails: 'ops@example.com', telegramCommands: 'true' });

    expect(
      Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('needs "telegramChatId"')),
    ).toHaveLength(1);
    expect(Annotations.fromStack(onStack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('reads telegramCommands as true or false only, and telegramAdminIds as user ids', () => {
    expect(() => readSettings((key) => (key === 'telegramCommands' ? 'yes' : undefined))).toThrow(
      'telegramCommands: expected true or false, got "yes"',
    );
    expect(() => readSettings((key) => (key === 'telegramAdminIds' ? '@alice' : undefined))).toThrow(
      'telegramAdminIds: expected comma-separated Telegram user ids',
    );
  });

  it('lets a document be printed for console users with the same statements', () => {
    const document = commandsPolicyDocument({
      partition: 'aws',
      account: '123456789012',
      region: 'eu-west-2',
      botTokenParameterName: '/guard/token',
    });

    expect(document.Statement.map((s) => s.Sid)).toEqual([
      'ReadLightsail',
      'TagInstancesOnRequest',
      'StartInstancesOnRequest',
      'ReadBotToken',
    ]);
  });
});
