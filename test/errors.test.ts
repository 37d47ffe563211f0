import { describe, expect, it } from 'vitest';
import { describeError } from '../src/errors.js';

describe('describeError', () => {
  it('keeps the error name that says what happened, and caps the length', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

    expect(describeError(throttled)).toBe('ThrottlingException: Rate exceeded');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('x'.repeat(1000))).toHaveLength(300);
  });
});
