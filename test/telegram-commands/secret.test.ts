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

describe('what the deployed webhook and buttons depend on', () => {
  // Golden values: a change here locks out every deployed webhook and every button already sent.
  it('keeps the webhook secret of a token stable across releases', () => {
    expect(webhookSecret(TOKEN)).toBe('fM52RHkjVLUu7nR7ioxO_SrlWx75ODwYSJUkUubDCaw');
  });

  it('keeps the data of a signed button stable across releases', () => {
    const claim = {
      action: 'keep' as const,
      name: 'web-1',
      region: 'eu-west-2',
      userId: 5_550_001,
      expiresAt: 1_800_000_000,
    };

    expect(signButton(claim, TOKEN)).toBe('k.tro8w0.eu-west-2.xHGa-nb6RIte.wgQHtjdzN3APL5rd');
  });
});

describe('callback data', () => {
  const claim = {
    action: 'keep' as const,
    name: 'web-1',
    region: 'eu-west-2',
    userId: 1,
    expiresAt: 1_800_000_000,
  };
  // k . 6-character expiry . region . 12 . 16 = 39 bytes around the region.
  const regionOfLength = (length: number) => 'r'.repeat(length);

  it('may be exactly 64 bytes and no more', () => {
    expect(Buffer.byteLength(signButton({ ...claim, region: regionOfLength(25) }, TOKEN))).toBe(64);
    expect(() => signButton({ ...claim, region: regionOfLength(26) }, TOKEN)).toThrow(
      'callback data too long',
    );
  });

  it('is not ours when anything surrounds it or it is malformed', () => {
    const data = signButton(claim, TOKEN);

    expect(readButton(data)).toMatchObject({ action: 'keep', region: 'eu-west-2', expiresAt: 1_800_000_000 });
    expect(readButton(`x${data}`)).toBeUndefined();
    expect(readButton(`${data}x`)).toBeUndefined();
    expect(readButton(data.replace(/^k/, 'h'))).toBeUndefined();
    expect(readButton('release web-1')).toBeUndefined();
  });
});
