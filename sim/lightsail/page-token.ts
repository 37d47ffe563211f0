/**
 * Opaque `GetInstances` page tokens. They carry the region so that a token from one region is
 * refused in another, and are checked strictly so that a caller that mangles a token learns it.
 */

import { Buffer } from 'node:buffer';
import { invalidInput } from './errors.js';

const PREFIX = 'lsim1';

export function encodePageToken(region: string, offset: number): string {
  return Buffer.from(`${PREFIX}|${region}|${offset}`, 'utf8').toString('base64url');
}

/** The offset a token points at; `InvalidInputException` for anything this simulator did not issue. */
export function decodePageToken(region: string, token: string): number {
  const [prefix, tokenRegion, offsetText, ...rest] = Buffer.from(token, 'base64url')
    .toString('utf8')
    .split('|');
  const offset = Number(offsetText);
  if (
    prefix !== PREFIX ||
    tokenRegion !== region ||
    rest.length > 0 ||
    !/^\d+$/.test(offsetText ?? '') ||
    !Number.isSafeInteger(offset)
  ) {
    throw invalidInput('The pageToken is not valid');
  }
  return offset;
}
