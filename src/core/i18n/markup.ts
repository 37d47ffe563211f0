import { escapeHtml } from '../html.js';

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
