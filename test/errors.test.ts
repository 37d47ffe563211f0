import { describe, expect, it } from 'vitest';
import { describeError, withoutFinalStop } from '../src/errors.js';

describe('describeError', () => {
  it('keeps the error name that says what happened, and caps the length', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

    expect(describeError(throttled)).toBe('ThrottlingException: Rate exceeded');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('x'.repeat(1000))).toHaveLength(300);
  });

  it('drops the full stop an AWS message ends with, since every sentence wrapping it ends its own', () => {
    const refused = Object.assign(new Error('The security token included in the request is invalid.'), {
      name: 'UnrecognizedClientException',
    });

    expect(describeError(refused)).toBe(
      'UnrecognizedClientException: The security token included in the request is invalid',
    );
    expect(`Region not checked us-east-9: ${describeError(refused)}.`).not.toContain('..');
  });

  it('keeps an ellipsis and every other closing mark', () => {
    expect(withoutFinalStop('still waiting...')).toBe('still waiting...');
    expect(withoutFinalStop('is it?')).toBe('is it?');
    expect(withoutFinalStop('done. ')).toBe('done');
  });
});
