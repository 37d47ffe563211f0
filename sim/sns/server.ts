import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PublishedMessage, publish, textFor } from './publish.js';
import { SNS_API_VERSION, SnsError, sendError, sendResult, signingRegion } from './query.js';
import { SMS_PUBLISH_MAX_CHARS, smsSegments } from './sms.js';

/** A fault the fake plays on the next `times` Publish requests (default: every one). */
export type SnsFault = {
  readonly kind: 'throttled' | 'internal-error' | 'authorization-error' | 'hang';
  readonly times?: number;
};

/** A subscription of every topic: an email address or a phone number. */
export interface FakeSubscription {
  readonly protocol: 'email' | 'sms';
  readonly endpoint: string;
  /** A FilterPolicy on message attributes: each named attribute must be one of its values. */
  readonly filterPolicy?: Readonly<Record<string, readonly string[]>>;
}

/** What one subscriber got of one published message. */
export interface Received {
  readonly protocol: FakeSubscription['protocol'];
  readonly endpoint: string;
  readonly messageId: string;
  /** The subject, for email (SMS shows none). */
  readonly subject: string | undefined;
  readonly text: string;
  /** SMS only: the billed segments. */
  readonly segments?: number;
}

export interface FakeSnsOptions {
  /** Topics that exist, by ARN; Publish to any other answers 404 NotFound. */
  readonly topics: readonly string[];
  /** Subscribers of every topic, whose deliveries `received` records. */
  readonly subscriptions?: readonly FakeSubscription[];
  /**
   * Refuse non-ASCII subjects, as the older documentation says SNS does. Default false: the
   * current API reference allows UTF-8.
   */
  readonly asciiSubjects?: boolean;
}

export interface FakeSns {
  /** `http://127.0.0.1:<port>`: `AWS_ENDPOINT_URL_SNS`, or a client's `endpoint`. */
  readonly endpoint: string;
  /** Every message accepted, in order. */
  readonly published: PublishedMessage[];
  /** What the subscribers got, in order: an SMS longer than one SMS publish allows gets nowhere. */
  readonly received: Received[];
  /** Every request, faulted and refused ones included. */
  requests: number;
  injectFault(fault: SnsFault): void;
  close(): Promise<void>;
}

const FAULTS: Readonly<Record<Exclude<SnsFault['kind'], 'hang'>, SnsError>> = {
  throttled: new SnsError(429, 'Throttled', 'Rate exceeded', 'Sender'),
  'internal-error': new SnsError(500, 'InternalError', 'An internal service error occurred'),
  'authorization-error': new SnsError(
    403,
    'AuthorizationError',
    'User: arn:aws:sts::123456789012:assumed-role/guard is not authorized to perform: SNS:Publish on resource',
  ),
};

/** The deliveries of one published message: each subscription its filter lets through, in its protocol's text. */
function deliveries(message: PublishedMessage, subscriptions: readonly FakeSubscription[]): Received[] {
  return subscriptions.flatMap((subscription): Received[] => {
    const policy = Object.entries(subscription.filterPolicy ?? {});
    const passes = policy.every(([name, values]) => {
      const value = message.attributes[name];
      return value !== undefined && values.includes(value);
    });
    if (!passes) return [];
    const { protocol, endpoint } = subscription;
    const text = textFor(message, protocol);
    const { messageId } = message;
    if (protocol === 'email') return [{ protocol, endpoint, messageId, subject: message.subject, text }];
    if (text.length > SMS_PUBLISH_MAX_CHARS) return [];
    return [{ protocol, endpoint, messageId, subject: undefined, text, segments: smsSegments(text) }];
  });
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A local stand-in for Amazon SNS's Publish over the AWS Query protocol, on 127.0.0.1: it checks
 * the SigV4 credential scope's region against the topic's, and the message and subject against
 * Publish's documented constraints, and answers with SNS's XML and error codes.
 */
export async function startFakeSns(options: FakeSnsOptions): Promise<FakeSns> {
  const topics = new Set(options.topics);
  const faults: { kind: SnsFault['kind']; left: number }[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    fake.requests++;
    const params = await readForm(request);
    const fault = faults[0];
    if (fault !== undefined) {
      fault.left -= 1;
      if (fault.left <= 0) faults.shift();
      if (fault.kind === 'hang') return;
      return sendError(response, FAULTS[fault.kind]);
    }
    const region = signingRegion(request.headers.authorization);
    if (request.method !== 'POST' || region === undefined) {
      return sendError(
        response,
        new SnsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
      );
    }
    if (params.get('Version') !== SNS_API_VERSION) {
      return sendError(response, new SnsError(400, 'InvalidParameterValue', 'Invalid API version'));
    }
    const action = params.get('Action');
    if (action !== 'Publish') {
      return sendError(
        response,
        new SnsError(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`),
      );
    }
    const message = publish(params, { region, topics, asciiSubjects: options.asciiSubjects ?? false });
    fake.published.push(message);
    fake.received.push(...deliveries(message, options.subscriptions ?? []));
    sendResult(response, 'Publish', { MessageId: message.messageId });
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendError(
        response,
        error instanceof SnsError ? error : new SnsError(500, 'InternalError', String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeSns = {
    endpoint: `http://127.0.0.1:${port}`,
    published: [],
    received: [],
    requests: 0,
    injectFault: (fault) => faults.push({ kind: fault.kind, left: fault.times ?? Number.POSITIVE_INFINITY }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
