/**
 * The common shape of the HTTP channels: a POST per message through the one delivery loop. A
 * channel module states only what is its own (its credentials, its rate limit, its request and how
 * to read its answer); its name, label and limits come from its descriptor.
 */

import type { Channel, OutgoingMessage } from '../core/ports.js';
import { createPoster, type HttpOptions, type HttpRequest, type Judge } from './delivery.js';
import type { ChannelDescriptor } from './descriptor.js';

/** What an HTTP channel says of itself beyond its descriptor. */
export interface HttpChannelSpec {
  /** Every credential a request, an answer or a fetch error may show (`urlSecrets`, keys, tokens). */
  readonly secrets: readonly string[];
  /** The service's documented rate limit: the loop keeps two requests at least 60 s / this apart. */
  readonly perMinute?: number;
  /** The request for one message, built afresh for every attempt (a signature's time must be current). */
  readonly request: (message: OutgoingMessage) => HttpRequest;
  /** How to read an answer; default its HTTP status (`statusVerdict`). */
  readonly judge?: Judge;
}

/** The channel `descriptor` builds: each message posted as `spec.request` says, judged by `spec.judge`. */
export function httpChannel(
  descriptor: Pick<ChannelDescriptor, 'name' | 'label' | 'format'>,
  spec: HttpChannelSpec,
  options: HttpOptions = {},
): Channel {
  const { name, label, format } = descriptor;
  const post = createPoster(label, spec.secrets, {
    ...options,
    ...(spec.perMinute === undefined ? {} : { minIntervalMs: 60_000 / spec.perMinute }),
  });
  return { name, label, format, send: (message) => post(() => spec.request(message), spec.judge) };
}
