/** Telegram's answer to one Bot API call, reduced to what the retry policy needs. */
export interface TelegramAnswer {
  ok: boolean;
  /** `error_code`, or the HTTP status when the body is not Telegram's JSON (e.g. a proxy's 502 page). */
  errorCode: number;
  description: string;
  /** `parameters.retry_after` in seconds, when Telegram sent one. */
  retryAfter: number | undefined;
  /** `result` of a successful call, unchecked: each caller reads the fields it needs. */
  result: unknown;
}

interface RawAnswer {
  ok?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
  result?: unknown;
}

/**
 * Reads a Bot API response body. Never throws on a malformed body: a gateway in front of Telegram
 * can answer with HTML, and that must still be classified by its HTTP status.
 */
export async function readAnswer(response: Response): Promise<TelegramAnswer> {
  return parseAnswer({
    status: response.status,
    statusText: response.statusText,
    body: await response.text(),
  });
}

/** The same, over an answer already read (the delivery loop reads every channel's alike). */
export function parseAnswer(response: {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
}): TelegramAnswer {
  const { body } = response;
  let raw: RawAnswer | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as RawAnswer;
  } catch {
    raw = undefined;
  }
  const fallbackDescription = response.statusText || 'answer without a Telegram JSON body';
  if (raw === undefined || typeof raw.ok !== 'boolean') {
    return {
      ok: false,
      errorCode: response.status,
      description: fallbackDescription,
      retryAfter: undefined,
      result: undefined,
    };
  }
  const retryAfter = raw.parameters?.retry_after;
  return {
    ok: raw.ok && response.status >= 200 && response.status < 300,
    errorCode: typeof raw.error_code === 'number' ? raw.error_code : response.status,
    description: typeof raw.description === 'string' ? raw.description : fallbackDescription,
    retryAfter: typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : undefined,
    result: raw.result,
  };
}
