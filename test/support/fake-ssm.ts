import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSsm {
  /** `http://127.0.0.1:<port>`: an `endpoint` or `AWS_ENDPOINT_URL_SSM`. */
  readonly endpoint: string;
  /** Requests received, to check what the real SSMClient sent over the wire. */
  readonly received: { target: string | undefined; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/**
 * A stand-in for SSM's awsJson1_1 `GetParameter` on loopback, holding `parameters` as
 * SecureStrings. The name `/lightsail-guard/forbidden` answers AccessDeniedException.
 */
export async function startFakeSsm(parameters: Readonly<Record<string, string>>): Promise<FakeSsm> {
  const received: FakeSsm['received'] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const target = request.headers['x-amz-target'] as string | undefined;
    received.push({ target, body });
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    };
    const name = String(body.Name);
    if (name === '/lightsail-guard/forbidden') {
      return reply(400, { __type: 'AccessDeniedException', message: 'User is not authorized' });
    }
    const value = parameters[name];
    if (target !== 'AmazonSSM.GetParameter' || value === undefined) {
      return reply(400, { __type: 'ParameterNotFound', message: '' });
    }
    return reply(200, { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
