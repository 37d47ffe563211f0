import { afterEach, describe, expect, it } from 'vitest';
import { ChannelRefusedError } from '../../src/channels/errors.js';
import { createSlackChannel, SLACK_LIMITS, slackEscape } from '../../src/channels/slack.js';
import { parseConfig } from '../../src/config.js';
import { aLargeBatch } from '../support/batches.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const PATH = '/services/T00000000/B00000000/fakeSlackWebhookSecretNotReal';

describe('the Slack channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('posts the subject and the text as plain text, &, < and > escaped as Slack asks', async () => {
    server = await startLocalServer({ status: 200, body: 'ok' });
    const channel = createSlackChannel({ url: `${server.root}${PATH}` });

    await channel.send(aMessage({ text: 'web_1 <prod> & *db*' }));

    expect(server.received[0]?.url).toBe(PATH);
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      text: `${aMessage().subject}\n\nweb_1 &lt;prod&gt; &amp; *db*`,
      mrkdwn: false,
    });
  });

  it('keeps every message’s text within the 4,000 characters Slack advises, before escaping', async () => {
    server = await startLocalServer({ status: 200, body: 'ok' });
    const channel = createSlackChannel({ url: `${server.root}${PATH}` }, fakeTime().options);
    const batch = aLargeBatch(channel.format, 120);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      const { text } = JSON.parse(request.body) as { text: string };
      expect(
        text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').length,
      ).toBeLessThanOrEqual(SLACK_LIMITS.textChars);
      expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.truncatedAfterChars);
    }
  });

  it.each([
    [400, 'invalid_payload'],
    [400, 'no_text'],
    [404, 'channel_not_found'],
    [404, 'no_service'],
    [410, 'channel_is_archived'],
    [403, 'action_prohibited'],
    [200, 'invalid_token'],
  ])('refuses on Slack’s plain-text answer %i %s at once, never naming the URL', async (status, word) => {
    server = await startLocalServer({ status, body: word, headers: { 'content-type': 'text/plain' } });
    const channel = createSlackChannel({ url: `${server.root}${PATH}` }, fakeTime().options);

    const error = await failure(channel.send(aMessage()));

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toBe(`Slack refused the message: HTTP ${status}: ${word}`);
    expect(server.received).toHaveLength(1);
  });

  it('waits the Retry-After of a 429, then delivers', async () => {
    server = await startLocalServer({ status: 200, body: 'ok' });
    server.replies.push({ status: 429, body: 'rate_limited', headers: { 'retry-after': '3' } });
    const { time, options } = fakeTime();
    const channel = createSlackChannel({ url: `${server.root}${PATH}` }, options);

    await channel.send(aMessage());

    expect(time.waits).toEqual([3_000]);
    expect(server.received).toHaveLength(2);
  });

  it('escapes only what Slack reads as markup', () => {
    expect(slackEscape('a & b <c> "d" \'e\'')).toBe('a &amp; b &lt;c&gt; "d" \'e\'');
  });

  it('reads SLACK_WEBHOOK_URL', () => {
    const url = `https://hooks.slack.com${PATH}`;

    expect(parseConfig({ SLACK_WEBHOOK_URL: url }).channels.slack).toEqual({ url });
  });
});
