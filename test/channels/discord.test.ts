import { afterEach, describe, expect, it } from 'vitest';
import {
  createDiscordChannel,
  DISCORD_CONTENT_MAX_CHARS,
  discordContent,
  discordText,
} from '../../src/channels/discord.js';
import { ChannelRefusedError, ChannelUnreachableError } from '../../src/channels/errors.js';
import { parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { aLargeBatch } from '../support/batches.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const PATH = '/api/webhooks/123456789012345678/fake-discord-webhook-token-not-real_0000';

describe('the Discord channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('posts the subject in bold and the text as content, waiting for Discord to save it, pinging no one', async () => {
    server = await startLocalServer({ status: 200, body: '{"id":"1"}' });
    const channel = createDiscordChannel({ url: `${server.root}${PATH}` });

    await channel.send(aMessage());

    expect(server.received[0]?.url).toBe(`${PATH}?wait=true`);
    expect(server.received[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      content: `**lightsail\\-guard: web\\_1 stopped (97.0%)**\n\n🛑 Stopped web\\_1 in eu\\-west\\-2: 97.00 of 100.00 GB used (97.0%), threshold 95%.`,
      allowed_mentions: { parse: [] },
    });
  });

  it('shows markdown characters as written: no heading, quote, list, spoiler or italics', () => {
    expect(discordText('# a\n> b\n- c\n||d|| *e* _f_ ~g~ `h` \\i')).toBe(
      '\\# a\n\\> b\n\\- c\n\\|\\|d\\|\\| \\*e\\* \\_f\\_ \\~g\\~ \\`h\\` \\\\i',
    );
  });

  it('keeps every message’s content within 2,000 characters, escaped, Chinese included', async () => {
    server = await startLocalServer({ status: 204 });
    const channel = createDiscordChannel({ url: `${server.root}${PATH}` }, fakeTime().options);
    const batch = aLargeBatch(channel.format, 40);
    const worst = aMessage({ subject: '_'.repeat(200), text: '*'.repeat(channel.format.limit) });

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      expect(JSON.parse(request.body).content.length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX_CHARS);
    }
    expect(discordContent(worst).length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX_CHARS);
  });

  it('waits the retry_after of a 429, in seconds and fractional, then delivers', async () => {
    server = await startLocalServer({ status: 204 });
    server.replies.push({
      status: 429,
      body: '{"message":"You are being rate limited.","retry_after":0.35,"global":false}',
      headers: { 'retry-after': '1' },
    });
    const { time, options } = fakeTime();
    const channel = createDiscordChannel({ url: `${server.root}${PATH}` }, options);

    await channel.send(aMessage());

    expect(time.waits).toEqual([350]);
    expect(server.received).toHaveLength(2);
  });

  it('waits the Retry-After header of a 429 whose body gives none', async () => {
    server = await startLocalServer({ status: 204 });
    server.replies.push({ status: 429, body: '', headers: { 'retry-after': '2' } });
    const { time, options } = fakeTime();
    const channel = createDiscordChannel({ url: `${server.root}${PATH}` }, options);

    await channel.send(aMessage());

    expect(time.waits).toEqual([2_000]);
  });

  it('gives up within the budget when Discord keeps asking to wait', async () => {
    server = await startLocalServer({ status: 429, body: '{"retry_after":30,"global":true}' });
    const { options } = fakeTime();
    const channel = createDiscordChannel(
      { url: `${server.root}${PATH}` },
      { ...options, maxTotalMs: 10_000 },
    );

    const error = await failure(channel.send(aMessage()));

    expect(error).toBeInstanceOf(ChannelUnreachableError);
    expect(server.received).toHaveLength(1);
  });

  it('refuses on Discord’s error code without naming the webhook token', async () => {
    server = await startLocalServer({ status: 404, body: '{"message":"Unknown Webhook","code":10015}' });
    const channel = createDiscordChannel({ url: `${server.root}${PATH}` }, fakeTime().options);

    const error = await failure(channel.send(aMessage()));

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toBe('Discord refused the message: HTTP 404: code 10015 Unknown Webhook');
    expect(server.received).toHaveLength(1);
  });

  it('reads DISCORD_WEBHOOK_URL, refusing a plain-HTTP one to another machine without printing it', () => {
    const url = `https://discord.com${PATH}`;

    expect(parseConfig({ DISCORD_WEBHOOK_URL: url }).channels.discord).toEqual({ url });
    expect(() => parseConfig({ DISCORD_WEBHOOK_URL: `http://discord.com${PATH}` })).toThrow(ConfigError);
    expect(() => parseConfig({ DISCORD_WEBHOOK_URL: `http://discord.com${PATH}` })).not.toThrow(
      /fake-discord/,
    );
  });
});
