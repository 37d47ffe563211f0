/**
 * What a language is: one template per message variant. Core picks the variant (`src/core/variants/`);
 * a template only puts its data into words, with formatting (numbers, times, escaping) and the
 * nested phrases it is handed, never a choice of its own. The maps are exhaustive mapped types, so a
 * variant added in core fails to compile until every language words it.
 */

import type { AlertMessage } from '../variants/alert.js';
import type { Envelope, Headline } from '../variants/headline.js';
import type { Phrase } from '../variants/phrases.js';
import type { ReportText } from '../variants/report.js';
import type { SmsText } from '../variants/sms.js';

/** Renders a nested phrase; an absent optional phrase reads as nothing. */
export type Say<V> = (variant: V | undefined) => string;

/** One template per kind of `V`, each given its variant and how to render the phrases inside it. */
export type TemplatesOf<V extends { readonly kind: string }> = {
  readonly [K in V['kind']]: (variant: Extract<V, { readonly kind: K }>, say: Say<V>) => string;
};

/** Every variant of the messages with markup: alerts, subject lines, the report. */
export type Variant = AlertMessage | Phrase | Headline | Envelope | ReportText;

/** A language's messages (Telegram's HTML subset; plain text is derived from it). */
export type Templates = TemplatesOf<Variant>;

/** A language's SMS texts: plain, no markup. */
export type SmsTemplates = TemplatesOf<SmsText>;

/** Renders variants with `templates`. */
export function renderer<V extends { readonly kind: string }>(templates: TemplatesOf<V>): Say<V> {
  const say: Say<V> = (variant) => {
    if (variant === undefined) return '';
    // The mapped type pairs each kind with its template; TypeScript cannot follow that through a union.
    const template = templates[variant.kind as V['kind']] as (variant: V, say: Say<V>) => string;
    return template(variant, say);
  };
  return say;
}
