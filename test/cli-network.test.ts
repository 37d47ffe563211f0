import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli-main.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';
const UNRESOLVABLE = 'https://api.nonexistent.invalid';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** A Bot API on 127.0.0.1 that cuts the first connection, then accepts every message. */
async function cutsTheFirstConnection(): Promise<string> {
  let requests = 0;
  server = createServer((request, response) => {
    requests += 1;
    if (requests === 1) {
      request.socket.destroy();
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true,"result":{"message_id":1}}');
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** The CLI, in process, with stderr a terminal or not. */
async function cli(argv: string[], apiRoot: string, errIsTTY: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42', TELEGRAM_API_ROOT: apiRoot };
  const code = await main(argv, env, { out: (t) => out.push(t), err: (t) => err.push(t), errIsTTY });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the CLI when Telegram cannot be reached', () => {
  it('shows each retry on a terminal as it happens', async () => {
    const apiRoot = await cutsTheFirstConnection();

    const run = await cli(['test-alert'], apiRoot, true);

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^Telegram: connection cut: other side closed \(UND_ERR_SOCKET\); trying again in 1 s \(attempt 2; gives up within \d+ s\)…$/,
    );
  });

  it('keeps stderr free of progress lines when it is not a terminal', async () => {
    const apiRoot = await cutsTheFirstConnection();

    const run = await cli(['test-alert'], apiRoot, false);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('test-alert gives up at once on a name that does not resolve, with the cure', async () => {
    const started = Date.now();

    const run = await cli(['test-alert'], UNRESOLVABLE, true);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'Telegram (chat 42): FAILED: TelegramNetworkError: Telegram sendMessage failed: the host name does not resolve: getaddrinfo ENOTFOUND api.nonexistent.invalid; not retried',
    );
    expect(run.stdout).toContain(
      '  Check the host name in TELEGRAM_API_ROOT (api.nonexistent.invalid) for a typo',
    );
    expect(run.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('find-chat-id says the cause and the cure, not just "fetch failed"', async () => {
    const run = await cli(['find-chat-id'], UNRESOLVABLE, false);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'could not ask Telegram who the bot is: TelegramNetworkError: Telegram getMe failed: the host name does not resolve: getaddrinfo ENOTFOUND api.nonexistent.invalid.',
        'Check the host name in TELEGRAM_API_ROOT (api.nonexistent.invalid) for a typo, and that this machine resolves names (nslookup api.nonexistent.invalid). If this network reaches the internet through a proxy, set HTTPS_PROXY and NODE_USE_ENV_PROXY=1.',
      ].join('\n'),
    );
  });
});
