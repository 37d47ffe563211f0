import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../infra/settings.js';
import { TAGS } from '../../src/constants.js';
import { EMPTY_TAG_READINGS, isAllowed, type StatementLike } from '../support/iam-conditions.js';
import { CDK_JSON_CONTEXT, synthStack } from './synth.js';

let without: Template;
let withRestart: Template;

beforeAll(() => {
  without = synthStack().template;
  withRestart = synthStack({ restartOnNewMonth: 'true', action: 'notify' }).template;
});

/** Every statement of every IAM policy of the template. */
function statements(template: Template): StatementLike[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (resource) =>
      (resource as { Properties: { PolicyDocument: { Statement: StatementLike[] } } }).Properties
        .PolicyDocument.Statement,
  );
}

/** Every action any IAM policy of the template grants. */
function grantedActions(template: Template): string[] {
  return statements(template).flatMap((statement) => [statement.Action].flat());
}

function functionEnvironment(template: Template): Record<string, unknown> {
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as {
    Properties: { Environment: { Variables: Record<string, unknown> } };
  }[];
  return fn?.Properties.Environment.Variables ?? {};
}

describe('restartOnNewMonth', () => {
  it('is off by default: the function may neither start instances nor remove tags', () => {
    expect(grantedActions(without)).not.toContain('lightsail:StartInstance');
    expect(grantedActions(without)).not.toContain('lightsail:UntagResource');
    expect(functionEnvironment(without)).not.toHaveProperty('RESTART_ON_NEW_MONTH');
  });

  it('grants StartInstance only on instances whose stop record holds a month and that carry no hold tag', () => {
    withRestart.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {},
          {},
          {
            Sid: 'StartInstancesTheGuardStopped',
            Effect: 'Allow',
            Action: 'lightsail:StartInstance',
            Condition: {
              StringLike: { 'aws:ResourceTag/lightsail-guard:stopped': '????-??' },
              StringNotLike: { 'aws:ResourceTag/lightsail-guard:hold': '*' },
            },
          },
          {},
        ],
      },
    });
    expect(grantedActions(withRestart)).not.toContain('lightsail:UntagResource');
  });

  it.each(EMPTY_TAG_READINGS)(
    'lets the deployed role start a recorded stop, never a cleared record or a hold IAM sees (empty read as %s)',
    (reading) => {
      const mayStart = (tags: Record<string, string>) =>
        isAllowed(statements(withRestart), 'lightsail:StartInstance', tags, reading);

      expect(mayStart({ [TAGS.stopped]: '2026-11' })).toBe(true);
      expect(mayStart({ [TAGS.stopped]: '' })).toBe(false);
      expect(mayStart({ [TAGS.stopped]: '2026-11', [TAGS.hold]: '2026-12-03' })).toBe(false);
      expect(mayStart({ [TAGS.stopped]: '2026-11', [TAGS.hold]: '' })).toBe(reading === 'absent');
    },
  );

  it('sets RESTART_ON_NEW_MONTH and ACTION in the function’s environment', () => {
    expect(functionEnvironment(withRestart)).toMatchObject({
      RESTART_ON_NEW_MONTH: 'true',
      ACTION: 'notify',
    });
  });
});

describe('the deploy settings of the month’s lifecycle', () => {
  const read = (overrides: Record<string, unknown>) =>
    readSettings((key) => ({ ...CDK_JSON_CONTEXT, ...overrides })[key]);

  it('reads restartOnNewMonth with the handler’s own parser', () => {
    expect(read({}).restartOnNewMonth).toBe(false);
    expect(read({ restartOnNewMonth: 'true' }).restartOnNewMonth).toBe(true);
    expect(read({ restartOnNewMonth: 'false' }).restartOnNewMonth).toBe(false);
  });

  it.each([
    ['restartOnNewMonth', 'monthly', /restartOnNewMonth: RESTART_ON_NEW_MONTH must be true or false/],
    ['action', 'ignore', /action: ACTION must be stop .* or notify/],
  ])('rejects %s=%s naming the key', (key, value, message) => {
    expect(() => read({ [key]: value })).toThrow(SettingsError);
    expect(() => read({ [key]: value })).toThrow(message);
  });
});
