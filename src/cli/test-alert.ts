/**
 * `test-alert`: one short message through every configured channel, and per channel whether it
 * arrived, so a person knows alerts will reach them before the first real one is due.
 */

import { type AlertChannel, alertChannels, isConfigured } from '../channels.js';
import { catalogueFor } from '../core/i18n/index.js';
import { testAlertMessage } from '../core/test-alert.js';
import { runDeadline } from '../engine/deadline.js';
import { ConfigError, describeError, UsageError } from '../errors.js';
import { redact } from '../telegram/errors.js';
import type { CliCommand } from './command.js';

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

const setText = (variables: readonly string[]): string => variables.join(' and ');

/** Sends the test message, in the channel's language, and says how it went. */
async function attempt(channel: AlertChannel, now: Date): Promise<Attempt> {
  const base = { channel: channel.name, destination: channel.destination };
  try {
    await channel.send(testAlertMessage(now, catalogueFor(channel.language), channel.place));
    return { ...base, arrived: true, error: undefined, hint: undefined };
  } catch (error) {
    return { ...base, arrived: false, error: describeError(error), hint: channel.hint(error) };
  }
}

function render(attempts: readonly Attempt[], unused: readonly AlertChannel[]): string {
  const lines = attempts.flatMap((result) =>
    result.arrived
      ? [`${result.channel} (${result.destination}): arrived.`]
      : [
          `${result.channel} (${result.destination}): FAILED: ${result.error}`,
          ...(result.hint === undefined ? [] : [`  ${result.hint}`]),
        ],
  );
  if (unused.length > 0) {
    const ways = unused.map((channel) => `${channel.name} (${setText(channel.variables)})`);
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

Sends one short test message through every configured alert channel (Telegram, Amazon SNS, a
webhook, Feishu, DingTalk, WeCom, Bark, ServerChan: whichever are set), in each one's
ALERT_LANGUAGE, and says, per channel, whether it arrived, with what to do when it did not.
Reads no Lightsail data and stops nothing.

Exit codes: 0 it arrived through every configured channel; 1 it did not through at least one
(each is named); 2 no channel is configured, or a channel's settings are incomplete or malformed.

Options:
  --json                  print the result as JSON`,
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    const [extra] = args.positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const deadline = runDeadline(TEST_TIMEOUT_MS);
    const channels = alertChannels(ctx.env, (config) => ctx.channelsFor(config, deadline));
    const configured = channels.filter(isConfigured);
    if (configured.length === 0) {
      const ways = channels.map((channel) => `for ${channel.name}, set ${setText(channel.variables)}`);
      throw new ConfigError(
        `test-alert: no alert channel is configured: ${ways.join('; ')} (lightsail-guard find-chat-id prints the Telegram chat id).`,
      );
    }
    const incomplete = configured.filter((channel) => channel.missing.length > 0);
    if (incomplete.length > 0) {
      const needs = incomplete.map((channel) => `${channel.name} needs ${setText(channel.missing)}`);
      throw new ConfigError(`test-alert: ${needs.join('; ')}; nothing was sent.`);
    }
    const now = new Date();
    const attempts = await Promise.all(configured.map((channel) => attempt(channel, now)));
    const exitCode = attempts.every((result) => result.arrived) ? 0 : 1;
    const unused = channels.filter((channel) => !isConfigured(channel));
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
