import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RetryInfo } from '../../src/channels/delivery.js';
import { ChannelUnreachableError, networkCure } from '../../src/channels/errors.js';
import { buildChannels, parseChannelSettings } from '../../src/channels/registry.js';
import { createBotApi } from '../../src/telegram/bot-api.js';
import { TelegramNetworkError } from '../../src/telegram/errors.js';
import { createTelegramNotifier } from '../../src/telegram/notifier.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { aMessage } from '../support/messages.js';
import { selfSignedCertificate } from '../support/self-signed.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  // A server that never answers keeps its connections open: closing waits for them otherwise.
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** `server` listening on 127.0.0.1; its root URL. */
async function listen(server: Server, scheme = 'http'): Promise<string> {
  servers.push(server);
  server.on('connection', (socket: Socket) => sockets.add(socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `${scheme}://127.0.0.1:${address.port}`;
}

/** A port nothing listens on: one just closed. */
async function closedPort(): Promise<string> {
  const server = createNetServer();
  const root = await listen(server);
  servers.pop();
  await new Promise((done) => server.close(done));
  return root;
}

/** `fetch`, counting the requests made. */
function countingFetch() {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push(String(input));
    return globalThis.fetch(input, init);
  };
  return { fetch, calls };
}

/** The Telegram notifier against `apiRoot` on a fake clock, told its setting as the registry tells it. */
function notifierAt(apiRoot: string, extra: { requestTimeoutMs?: number; maxTotalMs?: number } = {}) {
  const { fetch, calls } = countingFetch();
  const { time, options } = fakeTime();
  const retries: RetryInfo[] = [];
  const notifier = createTelegramNotifier({
    token: TOKEN,
    chatId: '42',
    apiRoot,
    fetch,
    ...options,
    maxTotalMs: 3_000,
    ...extra,
    onRetry: (info) => retries.push(info),
    reach: { variable: 'TELEGRAM_API_ROOT', env: { TELEGRAM_API_ROOT: apiRoot } },
  });
  return { notifier, calls, retries, time };
}

describe('a channel that cannot be reached says why and what to check', () => {
  it('names a refused connection and the setting to check, and retries it', async () => {
    const root = await closedPort();
    const { notifier, calls, retries } = notifierAt(root);

    const error = await failure(notifier.send('x'));

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect(error?.message).toMatch(/last: connection refused: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(networkCure(error)).toMatch(
      /^Nothing accepts connections there: check the host and port in TELEGRAM_API_ROOT \(127\.0\.0\.1:\d+\)/,
    );
    expect(calls.length).toBeGreaterThan(1);
    expect(retries[0]?.reason).toMatch(/^connection refused: /);
  });

  it('names a connection the server cuts, and retries it', async () => {
    const root = await listen(createNetServer((socket) => socket.destroy()));
    const { notifier, calls } = notifierAt(root);

    const error = await failure(notifier.send('x'));

    expect(error?.message).toMatch(/last: connection cut: other side closed \(UND_ERR_SOCKET\)$/);
    expect(networkCure(error)).toMatch(/was closed before an answer: often a firewall, VPN or proxy/);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('names a server that never answers by the time it was given', async () => {
    const root = await listen(createNetServer(() => {}));
    const { notifier } = notifierAt(root, { requestTimeoutMs: 100, maxTotalMs: 150 });

    const error = await failure(notifier.send('x'));

    expect(error?.message).toMatch(/last: no answer within 100 ms$/);
    expect(networkCure(error)).toMatch(/^127\.0\.0\.1:\d+ did not answer in time: check the network/);
  });

  it('does not retry a certificate Node does not trust, and says how to give Node the CA', async () => {
    const root = await listen(
      createHttpsServer(selfSignedCertificate(), (_request, response) => response.end('{"ok":true}')),
      'https',
    );
    const { notifier, calls } = notifierAt(root);

    const error = await failure(notifier.send('x'));

    expect(error?.message).toBe(
      'Telegram sendMessage failed: certificate not accepted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT); not retried',
    );
    expect(networkCure(error)).toContain('NODE_EXTRA_CA_CERTS=/path/to/ca.pem');
    expect(calls).toHaveLength(1);
  });

  it('does not retry a host name that does not resolve, and fails at once', async () => {
    const root = 'https://api.nonexistent.invalid';
    const { notifier, calls, retries, time } = notifierAt(root);
    const started = time.now;

    const error = await failure(notifier.send('x'));

    expect(error?.message).toBe(
      'Telegram sendMessage failed: the host name does not resolve: getaddrinfo ENOTFOUND api.nonexistent.invalid; not retried',
    );
    expect(networkCure(error)).toBe(
      'Check the host name in TELEGRAM_API_ROOT (api.nonexistent.invalid) for a typo, and that this machine resolves names (nslookup api.nonexistent.invalid). If this network reaches the internet through a proxy, set HTTPS_PROXY and NODE_USE_ENV_PROXY=1.',
    );
    expect(calls).toHaveLength(1);
    expect(retries).toHaveLength(0);
    expect(time.now).toBe(started);
  });

  it('names the URL setting of every other channel, from the registry, never the URL', async () => {
    const root = await closedPort();
    const env = { WEBHOOK_URL: `${root}/hook/s3cr3t-path-token-not-real` };
    const [channel] = buildChannels(
      { channels: parseChannelSettings(env) },
      { maxTotalMs: 200, reach: { env } },
    );

    const error = await failure(channel?.send(aMessage()) ?? Promise.resolve());

    expect(error).toBeInstanceOf(ChannelUnreachableError);
    expect(networkCure(error)).toMatch(/check the host and port in WEBHOOK_URL \(127\.0\.0\.1:\d+\)/);
    expect(`${error?.message} ${networkCure(error)}`).not.toContain('s3cr3t-path-token-not-real');
  });

  it('says why find-chat-id could not reach Telegram, with the cure, in one attempt', async () => {
    const { fetch, calls } = countingFetch();
    const apiRoot = 'https://api.nonexistent.invalid';
    const api = createBotApi({
      token: TOKEN,
      apiRoot,
      fetch,
      env: { TELEGRAM_API_ROOT: apiRoot, HTTPS_PROXY: 'http://me:pa55word@proxy.test:3128' },
    });

    const error = await failure(api.getMe());

    expect(error?.message).toBe(
      'Telegram getMe failed: the host name does not resolve: getaddrinfo ENOTFOUND api.nonexistent.invalid',
    );
    expect(networkCure(error)).toMatch(
      /HTTPS_PROXY is set, but Node's fetch ignores it unless NODE_USE_ENV_PROXY=1 is set too\.$/,
    );
    expect(networkCure(error)).not.toContain('pa55word');
    expect(calls).toHaveLength(1);
  });
});
