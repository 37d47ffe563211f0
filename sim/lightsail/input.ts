/** Readers for request members; a missing or mistyped member is `InvalidInputException`, as on the service. */

import { invalidInput } from './errors.js';

export type Body = Record<string, unknown>;

export function requiredString(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidInput(`${key} is required and must be a non-empty string`);
  }
  return value;
}

export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidInput(`${key} must be a string`);
  return value;
}

export function optionalBoolean(body: Body, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidInput(`${key} must be a boolean`);
  return value;
}

export function requiredNumber(body: Body, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(`${key} is required and must be a number`);
  }
  return value;
}

export function requiredArray(body: Body, key: string): unknown[] {
  const value = body[key];
  if (!Array.isArray(value)) throw invalidInput(`${key} is required and must be a list`);
  return value;
}
