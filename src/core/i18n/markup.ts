import type { AllowanceUnit } from '../allowance.js';
import { escapeHtml } from '../html.js';
import { formatAmount } from '../units.js';

/** Markup the catalogues share. */

/**
 * Dynamic error text, escaped and capped, so one runaway message cannot push an alert past a
 * channel's limit (Telegram's 4,096 characters, WeCom's 2,048 bytes).
 */
export function quote(text: string): string {
  return escapeHtml(text.length > 300 ? `${text.slice(0, 297)}...` : text);
}

/** A CLI command the user can paste; instance names hold only letters, digits, `_`, `-` and `.`. */
export function command(name: string, args: string): string {
  return `<code>lightsail-guard ${escapeHtml(name)} ${escapeHtml(args)}</code>`;
}

/** An amount of traffic in `unit`, or "?" when it was not read. */
export function amount(bytes: number | null, unit: AllowanceUnit): string {
  return bytes === null ? '?' : formatAmount(bytes, unit);
}

/** The parts of a note that say something, joined. */
export function joinParts(parts: readonly string[], separator: string): string {
  return parts.filter((part) => part !== '').join(separator);
}

const ENGLISH = new Intl.PluralRules('en');

/** The English form for `count` ("1 instance", "2 instances"): grammar, by CLDR's plural rules. */
export function pluralEn(count: number, one: string, other: string): string {
  return ENGLISH.select(count) === 'one' ? one : other;
}
