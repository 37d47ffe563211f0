import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../src/telegram/answer.js';

const json = (body: unknown, status: number, statusText = '') =>
  new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });

describe('readAnswer', () => {
  it('reads error_code, description and retry_after from a Telegram refusal', async () => {
    const answer = await readAnswer(
      json(
        {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 7',
          parameters: { retry_after: 7 },
        },
        429,
      ),
    );

    expect(answer).toEqual({
      ok: false,
      errorCode: 429,
      description: 'Too Many Requests: retry after 7',
      retryAfter: 7,
    });
  });

  it('takes the error_code Telegram wrote over the HTTP status', async () => {
    const answer = await readAnswer(
      json({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 200),
    );

    expect(answer).toEqual({
      ok: false,
      errorCode: 400,
      description: 'Bad Request: chat not found',
      retryAfter: undefined,
    });
  });

  it('falls back to the HTTP status and its text when the JSON has neither error_code nor description', async () => {
    const answer = await readAnswer(json({ ok: false }, 502, 'Bad Gateway'));

    expect(answer).toEqual({ ok: false, errorCode: 502, description: 'Bad Gateway', retryAfter: undefined });
  });

  it('says the answer was not Telegram JSON when a gateway gives neither JSON nor a status text', async () => {
    const answer = await readAnswer(new Response('<html>upstream timed out</html>', { status: 504 }));

    expect(answer).toEqual({
      ok: false,
      errorCode: 504,
      description: 'answer without a Telegram JSON body',
      retryAfter: undefined,
    });
  });

  it('classifies a JSON null body by its HTTP status instead of throwing', async () => {
    const answer = await readAnswer(new Response('null', { status: 502, statusText: 'Bad Gateway' }));

    expect(answer).toEqual({ ok: false, errorCode: 502, description: 'Bad Gateway', retryAfter: undefined });
  });

  it.each([
    ['ok given as a string', { ok: 'true' }, 200],
    ['ok:false on an HTTP 200', { ok: false, error_code: 400, description: 'Bad Request' }, 200],
    ['ok:true on an HTTP 500', { ok: true, result: {} }, 500],
  ])('does not count as delivered an answer with %s', async (_case, body, status) => {
    const answer = await readAnswer(json(body, status));

    expect(answer.ok).toBe(false);
  });

  it.each([
    ['0', 0, 0],
    ['a negative number', -1, undefined],
    ['a string', '5', undefined],
  ])('reads a retry_after of %s as %s', async (_case, retryAfter, read) => {
    const answer = await readAnswer(
      json(
        {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests',
          parameters: { retry_after: retryAfter },
        },
        429,
      ),
    );

    expect(answer.retryAfter).toBe(read);
  });
});
