import { describe, expect, it } from 'vitest';
import { codeJudge } from '../../src/channels/chat.js';

const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  statusText: '',
  headers: new Headers(headers),
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const judge = codeJudge({
  codeFields: ['code', 'StatusCode'],
  messageFields: ['msg', 'StatusMessage'],
  success: 0,
  retry: [11232, -1],
  hints: { 9499: 'could not read the body' },
});

describe('the judge of a service that answers in a JSON code', () => {
  it('reads the success code as delivered, from whichever of its fields the answer has', () => {
    expect(judge(answer({ code: 0, msg: 'success' }))).toEqual({ kind: 'delivered' });
    expect(judge(answer({ StatusCode: 0, StatusMessage: 'success' }))).toEqual({ kind: 'delivered' });
  });

  it('retries a documented retry code, naming the code by its first field and the message', () => {
    expect(judge(answer({ StatusCode: 11232, StatusMessage: 'frequency limited' }))).toEqual({
      kind: 'retry',
      reason: 'code 11232 frequency limited',
    });
    expect(judge(answer({ code: -1 }))).toEqual({ kind: 'retry', reason: 'code -1' });
  });

  it('refuses any other code, with the hint its documentation gives where there is one', () => {
    expect(judge(answer({ code: 9499, msg: 'Bad Request' }))).toEqual({
      kind: 'refused',
      reason: 'code 9499 Bad Request (could not read the body)',
    });
    expect(judge(answer({ code: 19001, msg: 'param invalid' }))).toEqual({
      kind: 'refused',
      reason: 'code 19001 param invalid',
    });
  });

  it('judges a 429 or a 5xx by its status whatever code the body holds', () => {
    expect(judge(answer({ code: 99991400, msg: 'limit' }, 429, { 'retry-after': '2' }))).toEqual({
      kind: 'retry',
      reason: 'HTTP 429: {"code":99991400,"msg":"limit"}',
      waitMs: 2000,
    });
    expect(judge(answer({ code: 0 }, 502))).toMatchObject({ kind: 'retry' });
  });

  it('judges an answer without a numeric code by its status', () => {
    expect(judge(answer('<html>Forbidden</html>', 403))).toEqual({
      kind: 'refused',
      reason: 'HTTP 403: <html>Forbidden</html>',
    });
    expect(judge(answer({ code: '0' }))).toEqual({ kind: 'delivered' });
    expect(judge(answer([0]))).toEqual({ kind: 'delivered' });
  });

  it('takes another success code, and no retry codes, where a service says so', () => {
    const bark = codeJudge({ codeFields: ['code'], messageFields: ['message'], success: 200 });

    expect(bark(answer({ code: 200, message: 'success' }))).toEqual({ kind: 'delivered' });
    expect(bark(answer({ code: -1, message: 'busy' }))).toEqual({ kind: 'refused', reason: 'code -1 busy' });
  });
});
