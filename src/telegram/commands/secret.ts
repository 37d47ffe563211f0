/**
 * The webhook's secret and the confirmation buttons' signatures, both derived from the bot token,
 * so nothing new is stored and the CLI (`telegram-commands on`) and the function always agree. A
 * new token means a new secret: run `telegram-commands on` again.
 */

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The fixed label the webhook secret is an HMAC of; changing it would lock out every deployment. */
const WEBHOOK_SECRET_LABEL = 'lightsail-guard telegram webhook secret v1';
/** A second label, so a button's signature key is not the secret Telegram sends in every header. */
const BUTTON_KEY_LABEL = 'lightsail-guard telegram button key v1';

/**
 * The `secret_token` of `setWebhook`: HMAC-SHA256 of a fixed label keyed with the bot token, in
 * base64url (43 characters of `A-Za-z0-9_-`, within Telegram's 1..256).
 */
export function webhookSecret(token: string): string {
  return createHmac('sha256', token).update(WEBHOOK_SECRET_LABEL).digest('base64url');
}

/**
 * Whether the header Telegram sent is the secret, compared in constant time (both sides hashed
 * first, so neither the length nor a prefix of the secret can be timed).
 */
export function isWebhookSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** What a confirmation button asks: the action, on which instance, for whom, until when. */
export interface ButtonClaim {
  readonly action: 'keep';
  readonly name: string;
  readonly region: string;
  /** The Telegram user id of the person who asked: only they may press it. */
  readonly userId: number;
  /** Seconds since the epoch after which the button does nothing. */
  readonly expiresAt: number;
}

/** Telegram's `callback_data` holds 1..64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const ACTION_CODES = { keep: 'k' } as const;

/** An instance name of any length in 12 characters: the button carries this, the message the name. */
export function nameId(name: string): string {
  return createHash('sha256').update(name).digest('base64url').slice(0, 12);
}

function signature(claim: ButtonClaim, token: string): string {
  const key = createHmac('sha256', token).update(BUTTON_KEY_LABEL).digest();
  const fields = [claim.action, claim.name, claim.region, String(claim.userId), String(claim.expiresAt)];
  // 96 bits: forging one needs 2^96 presses, each a Telegram update.
  return createHmac('sha256', key).update(fields.join('\n')).digest('base64url').slice(0, 16);
}

/**
 * `callback_data` for a claim: `k.<expiry base 36>.<region>.<name id>.<signature>`, at most 56
 * bytes for a 14-character region. The user id is not carried: the signature covers it, so a press
 * by anyone else fails the check.
 */
export function signButton(claim: ButtonClaim, token: string): string {
  const data = [
    ACTION_CODES[claim.action],
    claim.expiresAt.toString(36),
    claim.region,
    nameId(claim.name),
    signature(claim, token),
  ].join('.');
  if (Buffer.byteLength(data) > CALLBACK_DATA_MAX_BYTES) throw new Error('callback data too long');
  return data;
}

/** A button's data, read back; the name is known only by its id until the instance is found. */
export interface ButtonData {
  readonly action: 'keep';
  readonly region: string;
  readonly nameId: string;
  readonly expiresAt: number;
  readonly signature: string;
}

/** Reads `callback_data`; `undefined` when it is not one of ours. */
export function readButton(data: string): ButtonData | undefined {
  const match = /^k\.([0-9a-z]{1,10})\.([a-z0-9-]{1,20})\.([\w-]{12})\.([\w-]{16})$/.exec(data);
  if (!match) return undefined;
  const [, expiry = '', region = '', id = '', sig = ''] = match;
  return { action: 'keep', region, nameId: id, expiresAt: Number.parseInt(expiry, 36), signature: sig };
}

/** Whether `data` was signed for `name` and for the user `userId` (constant-time compare). */
export function buttonSignedFor(data: ButtonData, name: string, userId: number, token: string): boolean {
  const expected = signature(
    { action: data.action, name, region: data.region, userId, expiresAt: data.expiresAt },
    token,
  );
  return timingSafeEqual(Buffer.from(expected), Buffer.from(data.signature.padEnd(16).slice(0, 16)));
}
