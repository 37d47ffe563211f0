/** awsJson1_1 framing: reading requests and writing answers, errors included. */

import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SimError } from './errors.js';
import type { Body } from './input.js';

/** An answer to send: a 200 result or an error already shaped as the service shapes it. */
export type Answer = { status: number; body: Record<string, unknown>; errorType?: string };

/** The error body the SDK reads: it takes `err.name` from `__type`, then `x-amzn-ErrorType`. */
export function error(e: SimError): Answer {
  const body: Record<string, unknown> = { __type: e.type, message: e.message };
  if (e.code !== undefined) body.code = e.code;
  return { status: e.status, body, errorType: e.type };
}

export function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const payload = JSON.stringify(answer.body);
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/x-amz-json-1.1',
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
  };
  if (answer.errorType) headers['x-amzn-ErrorType'] = answer.errorType;
  res.writeHead(answer.status, headers).end(payload);
}

export function parseBody(raw: string): Body | SimError {
  try {
    const parsed: unknown = JSON.parse(raw === '' ? '{}' : raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // Falls through to the same answer as a non-object body.
  }
  return new SimError(400, 'SerializationException', 'The request body is not a JSON object');
}

/** The instance a request is about, for fault filters: `instanceName`, else the tag calls' `resourceName`. */
export function targetName(body: Body): string | undefined {
  const name = body.instanceName ?? body.resourceName;
  return typeof name === 'string' ? name : undefined;
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Waits, keeping the timer where `close()` can cancel it. */
export function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}
