import { describe, expect, it } from 'vitest';
import {
  buttonSignedFor,
  CALLBACK_DATA_MAX_BYTES,
  isWebhookSecret,
  readButton,
  signButton,
  webhookSecret,
} from '../../src/telegram/commands/secret.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

describe('the webhook secret', () => {
  it('is derived from the token: at least 32 characters of A-Za-z0-9_-, the same every time, another for another token', () => {
    const secret = webhookSecret(TOKEN);

    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(webhookSecret(TOKEN)).toBe(secret);
    expect(webhookSecret(`${TOKEN}x`)).not.toBe(secret);
    expect(secret).not.toContain(TOKEN.split(':')[1]);
  });

  it('accepts only the exact secret', () => {
    const secret = webhookSecret(TOKEN);

    expect(isWebhookSecret(secret, secret)).toBe(true);
    expect(isWebhookSecret(undefined, secret)).toBe(false);
    expect(isWebhookSecret('', secret)).toBe(false);
    expect(isWebhookSecret(secret.slice(0, -1), secret)).toBe(false);
    expect(isWebhookSecret(`${secret}x`, secret)).toBe(false);
  });
});

describe('a confirmation button', () => {
  const claim = {
    action: 'keep' as const,
    name: 'a-very-long-instance-name-that-would-never-fit-in-sixty-four-bytes-of-callback-data',
    region: 'ap-southeast-2',
    userId: 5_550_001,
    expiresAt: 1_800_000_000,
  };

  it('fits in callback_data whatever the instance name', () => {
    expect(Buffer.byteLength(signButton(claim, TOKEN))).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  });

  it('is signed for the instance, the user who asked and the expiry', () => {
    const data = readButton(signButton(claim, TOKEN));
    if (data === undefined) throw new Error('unreadable');

    expect(data.expiresAt).toBe(claim.expiresAt);
    expect(buttonSignedFor(data, claim.name, claim.userId, TOKEN)).toBe(true);
    expect(buttonSignedFor(data, claim.name, claim.userId + 1, TOKEN)).toBe(false);
    expect(buttonSignedFor(data, `${claim.name}2`, claim.userId, TOKEN)).toBe(false);
    expect(
      buttonSignedFor({ ...data, expiresAt: data.expiresAt + 600 }, claim.name, claim.userId, TOKEN),
    ).toBe(false);
    expect(buttonSignedFor(data, claim.name, claim.userId, `${TOKEN}x`)).toBe(false);
  });
});
