import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotTokenParameterError, readBotTokenParameter } from '../../src/ssm/bot-token.js';

const TOKEN = '123456789:AAH-fake-token-for-tests_only';

/** Requests the fake received, to check what the real SSMClient sent over the wire. */
const received: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];

/** A tiny stand-in for SSM's awsJson1_1 GetParameter, on loopback. */
const parameters: Record<string, string> = {
  '/lightsail-guard/telegram-bot-token': `${TOKEN}\n`,
  '/lightsail-guard/empty': '  ',
};

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

let server: Server;
let client: SSMClient;

beforeAll(async () => {
  server = createServer(async (request, response) => {
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
  client = new SSMClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('readBotTokenParameter', () => {
  it('asks SSM for the named parameter with decryption and returns the trimmed token', async () => {
    received.length = 0;

    const token = await readBotTokenParameter(client, '/lightsail-guard/telegram-bot-token');

    expect(token).toBe(TOKEN);
    expect(received).toEqual([
      {
        target: 'AmazonSSM.GetParameter',
        body: { Name: '/lightsail-guard/telegram-bot-token', WithDecryption: true },
      },
    ]);
  });

  it('names a missing parameter and says how to create it', async () => {
    const reading = readBotTokenParameter(client, '/lightsail-guard/missing');

    await expect(reading).rejects.toThrow(BotTokenParameterError);
    await expect(reading).rejects.toThrow(/\/lightsail-guard\/missing does not exist.*put-parameter/);
  });

  it('names the permission when access is denied', async () => {
    const reading = readBotTokenParameter(client, '/lightsail-guard/forbidden');

    await expect(reading).rejects.toThrow(
      /not allowed to read SSM parameter \/lightsail-guard\/forbidden.*ssm:GetParameter/,
    );
  });

  it('refuses an empty value without echoing it', async () => {
    const error = await readBotTokenParameter(client, '/lightsail-guard/empty').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BotTokenParameterError);
    expect((error as Error).message).toBe('SSM parameter /lightsail-guard/empty holds no bot token');
  });
});
