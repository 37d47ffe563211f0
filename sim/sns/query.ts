/**
 * SNS speaks the AWS Query protocol (what `@aws-sdk/client-sns` sends: `AwsQueryProtocol`, API
 * version 2010-03-31): `POST /` with a form-encoded body (`Action=Publish&Version=...&TopicArn=...`)
 * and XML answers in the `http://sns.amazonaws.com/doc/2010-03-31/` namespace.
 */

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
export const SNS_API_VERSION = '2010-03-31';

/** An error as SNS answers it: HTTP status, `Type` (Sender or Receiver), `Code` and `Message`. */
export class SnsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

/** `&`, `<`, `>`, `"` and `'` as XML entities. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(response: ServerResponse, status: number, xml: string): void {
  if (response.destroyed) return;
  response
    .writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-RequestId': randomUUID(),
    })
    .end(xml);
}

/** `<PublishResponse>` with its `<PublishResult>` members. */
export function sendResult(response: ServerResponse, action: string, members: Record<string, string>): void {
  const result = Object.entries(members)
    .map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`)
    .join('');
  write(
    response,
    200,
    `<${action}Response xmlns="${SNS_XMLNS}"><${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

/** `<ErrorResponse>`, which the SDK reads into an exception named after `Code`. */
export function sendError(response: ServerResponse, error: SnsError): void {
  write(
    response,
    error.status,
    `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>${error.type}</Type>` +
      `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

/** The region of a SigV4 `Authorization` header's credential scope, `undefined` without one. */
export function signingRegion(authorization: string | undefined): string | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return scope?.[2] === 'sns' ? scope[1] : undefined;
}
