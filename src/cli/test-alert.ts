/**
 * `test-alert`: one short message through every configured channel, and per channel whether it
 * arrived, so a person knows alerts will reach them before the first real one is due.
 */

import { networkCure } from '../channels/errors.js';
import {
  CHANNELS,
  type ChannelState,
  channelStates,
  parseChannelSettings,
  variablesText,
} from '../channels/registry.js';
import { parseTimeZone } from '../config.js';
import { parseLanguages } from '../config-language.js';
import type { Language } from '../core/i18n/catalogue.js';
import { catalogueFor } from '../core/i18n/index.js';
import type { Channel } from '../core/ports.js';
import { testAlertMessage } from '../core/test-alert.js';
import { runDeadline } from '../engine/deadline.js';
import { ConfigError, describeError } from '../errors.js';
import { redact } from '../telegram/errors.js';
import type { CliCommand } from './command.js';
import { positionals } from './options.js';

/** Long enough for the notifier to wait out a 429 or retry a 5xx, short enough for a terminal. */
const TEST_TIMEOUT_MS = 30_000;

/** How one channel did. */
interface Attempt {
  readonly channel: string;
  readonly destination: string;
  readonly arrived: boolean;
  readonly error: string | undefined;
  readonly hint: string | undefined;
}

/** Sends the test message, in the channel's language, and says how it went. */
async function attempt(
  state: ChannelState,
  built: readonly Channel[],
  language: Language,
  now: Date,
  timeZone: string,
): Promise<Attempt> {
  const { descriptor } = state;
  const base = { channel: descriptor.label, destination: descriptor.destination(state.settings) };
  const channel = built.find((candidate) => candidate.name === descriptor.name);
  try {
    if (channel === undefined) throw new Error(`${descriptor.label} is not configured`);
    await channel.send(testAlertMessage(now, catalogueFor(language), descriptor.place, timeZone));
    return { ...base, arrived: true, error: undefined, hint: undefined };
  } catch (error) {
    return {
      ...base,
      arrived: false,
      error: describeError(error),
      hint: descriptor.hint?.(error) ?? networkCure(error),
    };
  }
}

function render(attempts: readonly Attempt[], unused: readonly ChannelState[]): string {
  const lines = attempts.flatMap((result) =>
    result.arrived
      ? [`${result.channel} (${result.destination}): arrived.`]
      : [
          `${result.channel} (${result.destination}): FAILED: ${result.error}`,
          ...(result.hint === undefined ? [] : [`  ${result.hint}`]),
        ],
  );
  if (unused.length > 0) {
    const ways = unused.map((state) => `${state.descriptor.label} (${variablesText(state.needs)})`);
    lines.push(`Not configured: ${ways.join(', ')}.`);
  }
  const failed = attempts.filter((result) => !result.arrived).map((result) => result.channel);
  lines.push(
    '',
    failed.length === 0
      ? `The test message arrived through every configured channel (${attempts.length}).`
      : `Not delivered through: ${failed.join(', ')}. Alerts sent there would not arrive either (exit code 1).`,
  );
  return lines.join('\n');
}

export const testAlertCommand: CliCommand = {
  name: 'test-alert',
  summary: `Send one short test message through every configured alert channel and say
            whether it arrived.`,
  help: `Usage: lightsail-guard test-alert [--json]

Sends one short test message through every configured alert channel (whichever of
${CHANNELS.map((channel) => channel.label).join(', ')} are set),
in each one's ALERT_LANGUAGE, and says, per channel, whether it arrived, with what to do when it did not.
Reads no Lightsail data and stops nothing.

Exit codes: 0 it arrived through every configured channel; 1 it did not through at least one
(each is named); 2 no channel is configured, or a channel's settings are incomplete or malformed.

Options:
  --json                  print the result as JSON`,
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    positionals(args, [], 'test-alert');
    // The channel settings, languages and TIME_ZONE alone: a malformed guard setting it does not use
    // (QUOTA_PERCENT, ...) never stops a test.
    const config = { channels: parseChannelSettings(ctx.env), ...parseLanguages(ctx.env) };
    const timeZone = parseTimeZone(ctx.env);
    const states = channelStates(config, 'cli');
    const configured = states.filter((state) => state.inUse);
    if (configured.length === 0) {
      const ways = states.map((state) => `for ${state.descriptor.label}, set ${variablesText(state.needs)}`);
      throw new ConfigError(
        `test-alert: no alert channel is configured: ${ways.join('; ')} (lightsail-guard find-chat-id prints the Telegram chat id).`,
      );
    }
    const incomplete = configured.filter((state) => state.missing.length > 0);
    if (incomplete.length > 0) {
      const needs = incomplete.map(
        (state) => `${state.descriptor.label} needs ${variablesText(state.missing)}`,
      );
      throw new ConfigError(`test-alert: ${needs.join('; ')}; nothing was sent.`);
    }
    const built = ctx.channelsFor(config, runDeadline(TEST_TIMEOUT_MS));
    const now = new Date();
    const attempts = await Promise.all(
      configured.map((state) =>
        attempt(
          state,
          built,
          config.channelLanguages[state.descriptor.name] ?? config.language,
          now,
          timeZone,
        ),
      ),
    );
    const exitCode = attempts.every((result) => result.arrived) ? 0 : 1;
    const unused = states.filter((state) => !state.inUse);
    const json = attempts.map((result) => ({
      ...result,
      error: result.error ?? null,
      hint: result.hint ?? null,
    }));
    const output =
      args.values.json === true
        ? JSON.stringify({ channels: json, exitCode }, null, 2)
        : render(attempts, unused);
    // Errors are redacted where they arise; anything token-shaped that slipped through is hidden here.
    ctx.out(redact(output, ''));
    return exitCode;
  },
};
