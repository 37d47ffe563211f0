/**
 * The shape of a Telegram bot token, `<bot id>:<secret>`, stated once. Configuration accepts a
 * token by `BOT_TOKEN` and logs hide one by `TOKEN_IN_TEXT`, both built from the same parts, so
 * no token that configuration accepts can reach a log because the two patterns disagree.
 */

// BotFather tokens are `<bot id>:<secret>`; the secret has been 35 characters for years, but
// Telegram does not promise that, so accept a margin either side.
const BOT_ID = { chars: '\\d', min: 1, max: 20 } as const;
const SECRET = { chars: '[A-Za-z0-9_-]', min: 30, max: 50 } as const;

/** A whole value that is a bot token, as configuration accepts it. */
export const BOT_TOKEN = new RegExp(
  `^${BOT_ID.chars}{${BOT_ID.min},${BOT_ID.max}}:${SECRET.chars}{${SECRET.min},${SECRET.max}}$`,
);

/**
 * Anything shaped like a bot token inside a text (global: for `replace`). The same parts without
 * the anchors and without upper bounds: every token `BOT_TOKEN` accepts is found wherever it
 * stands, and a longer run is hidden whole instead of cut at the maximum with its tail shown.
 */
export const TOKEN_IN_TEXT = new RegExp(
  `${BOT_ID.chars}{${BOT_ID.min},}:${SECRET.chars}{${SECRET.min},}`,
  'g',
);
