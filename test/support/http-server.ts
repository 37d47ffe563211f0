import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the local server received. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the server answers one request: a status and body, or never (`hang`). */
export type Reply =
  | { readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  | { readonly hang: true };

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  readonly root: string;
  readonly received: ReceivedRequest[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  readonly replies: Reply[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that records every request and answers from a queue, so an
 * adapter's requests can be checked on the wire and its handling of each answer tested.
 */
export async function startLocalServer(
  fallback: Reply | ((request: ReceivedRequest) => Reply) = { status: 200, body: '{}' },
): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const replies: Reply[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const got: ReceivedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(got);
    const reply = replies.shift() ?? (typeof fallback === 'function' ? fallback(got) : fallback);
    if ('hang' in reply) return;
    response
      .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
      .end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    received,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
