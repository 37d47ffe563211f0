import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from './server.js';
import { privateMessage, WEBHOOK_CONFLICT } from './updates.js';

describe('the fake Bot API: updates and webhooks', () => {
  let fake: FakeTelegram;
  afterEach(async () => {
    await fake.close();
  });

  const call = async (method: string, body: unknown = {}) => {
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('returns seeded and added updates in order, numbered upwards, until an offset confirms them', async () => {
    fake = await startFakeTelegram({ updates: [privateMessage({ id: 42, first_name: 'Ann' })] });
    fake.addUpdate(privateMessage({ id: 43, first_name: 'Bo' }, 'hello'));

    const first = await call('getUpdates');
    const again = await call('getUpdates');
    const ids = (first.body.result as Array<{ update_id: number }>).map((update) => update.update_id);
    const afterOffset = await call('getUpdates', { offset: (ids[0] ?? 0) + 1 });

    expect(first.body.ok).toBe(true);
    expect(ids).toHaveLength(2);
    expect((ids[1] ?? 0) - (ids[0] ?? 0)).toBe(1);
    expect(again.body.result).toEqual(first.body.result);
    expect(afterOffset.body.result).toEqual([(first.body.result as unknown[])[1]]);
    expect(fake.updates).toHaveLength(1);
  });

  it('keeps only the last -offset updates for a negative offset, and honours limit', async () => {
    fake = await startFakeTelegram();
    for (const id of [1, 2, 3]) fake.addUpdate(privateMessage({ id, first_name: `U${id}` }));

    const limited = await call('getUpdates', { limit: 1 });
    const last = await call('getUpdates', { offset: -1 });

    expect(limited.body.result).toHaveLength(1);
    expect(last.body.result).toHaveLength(1);
    expect(fake.updates).toHaveLength(1);
  });

  it('refuses getUpdates with 409 Conflict while a webhook is set, and getWebhookInfo tells its URL', async () => {
    fake = await startFakeTelegram({
      updates: [privateMessage({ id: 42, first_name: 'Ann' })],
      webhook: { url: 'https://hooks.example.test/bot', lastErrorMessage: 'Connection refused' },
    });

    const updates = await call('getUpdates');
    const info = await call('getWebhookInfo');

    expect(updates).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: WEBHOOK_CONFLICT },
    });
    expect(info.body.result).toMatchObject({
      url: 'https://hooks.example.test/bot',
      has_custom_certificate: false,
      pending_update_count: 1,
      last_error_message: 'Connection refused',
    });
  });

  it('reports an empty webhook URL when none is set', async () => {
    fake = await startFakeTelegram();

    const info = await call('getWebhookInfo');

    expect(info.body.result).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 0 });
  });

  it('sets and deletes a webhook through the Bot API, and records every method called', async () => {
    fake = await startFakeTelegram();

    const set = await call('setWebhook', { url: 'https://hooks.example.test/x' });
    const blocked = await call('getUpdates');
    const deleted = await call('deleteWebhook');
    const open = await call('getUpdates');

    expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    expect(blocked.status).toBe(409);
    expect(deleted.body).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
    expect(open.status).toBe(200);
    expect(fake.methods).toEqual(['setWebhook', 'getUpdates', 'deleteWebhook', 'getUpdates']);
  });
});
