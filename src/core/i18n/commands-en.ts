/** The chat commands' answers in English. */

import type { ChatChange } from '../chat-commands.js';
import { displayTime } from '../display-time.js';
import { escapeHtml as e } from '../html.js';
import type { CommandsCatalogue } from './commands-catalogue.js';
import { quote } from './markup.js';

const at = (name: string, region: string): string => `<code>${e(name)}</code> in ${e(region)}`;

export const commandsEn: CommandsCatalogue = {
  language: 'en',
  descriptions: {
    status: 'Every instance now; /status <name> for one',
    report: 'The daily report, now',
    keep: 'Keep an instance running this month (and start it)',
    hold: 'Never start an instance on a new month',
    release: 'Undo /hold',
    help: 'What the guard answers',
  },
  help: [
    '<b>lightsail-guard</b> answers:',
    '/status: every instance: state, usage, forecast, what happens next',
    '/status <code>name</code>: one instance',
    '/report: the daily report, now',
    '/keep <code>name</code>: keep it running past its threshold this month, and start it if stopped (asks first)',
    '/hold <code>name</code>: never start it on a new month',
    '/release <code>name</code>: undo /hold',
    'A name in several regions: add the region, e.g. /keep <code>web_1 us-east-1</code>.',
  ].join('\n'),
  statusHeading: (now, timeZone) => `<b>Status</b> at ${e(displayTime(now, timeZone))}`,
  notMonitored: (name) => `No monitored instance is named <code>${e(name)}</code>.`,
  needsName: (command) => `Which instance? Send /${command} <code>name</code>.`,
  notFound: (name, unread) =>
    `No instance named <code>${e(name)}</code> was found${unread.length > 0 ? ` (could not list ${quote(unread.join('; '))})` : ''}.`,
  inSeveral: (command, name, regions) =>
    `<code>${e(name)}</code> is in ${e(regions.join(' and '))}: say which, e.g. /${command} <code>${e(name)} ${e(regions[0] ?? '')}</code>.`,
  adminsOnly: 'Only the administrators of this group can command the guard.',
  keepQuestion: (q, timeZone) =>
    [
      `Keep ${at(q.name, q.region)} running past its threshold for the rest of ${e(q.month)}?`,
      q.state === 'stopped'
        ? 'It is stopped: it will be started.'
        : `It is ${e(q.state)}: the guard will not stop it again this month.`,
      q.pricePerGb === undefined
        ? `Data transfer out past its ${q.allowanceGb} GB allowance is billed by AWS.`
        : `Data transfer out past its ${q.allowanceGb} GB allowance is billed at $${q.pricePerGb.toFixed(2)} per GB in ${e(q.region)}.`,
      `Asked by ${e(q.by)}; only they can confirm, until ${e(displayTime(q.expiresAt, timeZone))}.`,
    ].join('\n'),
  keepButton: 'Keep it running',
  keepHeld: (name, region) =>
    `${at(name, region)} is held: the guard keeps it stopped. Send /release <code>${e(name)}</code> first.`,
  keepAlready: (name, region, month) =>
    `${at(name, region)} is already kept running for ${e(month)}; nothing was changed.`,
  notStartable: (name, region, state) =>
    `${at(name, region)} is ${e(state)}: it can be started once it is stopped; try again in a minute.`,
  holdAlready: (name, region) => `${at(name, region)} is already held; nothing was changed.`,
  releaseNone: (name, region) => `${at(name, region)} is not held; nothing was changed.`,
  change: (change: ChatChange) => {
    const who = `Asked by ${e(change.by)} in Telegram.`;
    switch (change.kind) {
      case 'kept':
        return `✅ ${at(change.name, change.region)}: kept running past its threshold for ${e(change.month)}${change.started ? ', and started' : ''}. ${who}`;
      case 'held':
        return `⏸ ${at(change.name, change.region)}: held: the guard never starts it on a new month. ${who}`;
      case 'released':
        return `▶️ ${at(change.name, change.region)}: released: ${
          change.stoppedIn === undefined
            ? 'the guard may start it on a new month if it stops it'
            : `the guard stopped it in ${e(change.stoppedIn)}, so with RESTART_ON_NEW_MONTH a check of a later month starts it`
        }. ${who}`;
    }
  },
  changeSubject: (change) =>
    `lightsail-guard: ${change.name} ${change.kind === 'kept' ? 'kept running' : change.kind} (${change.region})`,
  buttonNotYours: 'Only the person who asked can confirm this.',
  buttonExpired: 'This confirmation has expired: send /keep again.',
  buttonDone: 'Already done.',
  expiredQuestion: (name, region) =>
    `The confirmation to keep ${at(name, region)} running expired; nothing was changed.`,
  failed: (error) => `Could not do it: ${quote(error)}`,
};
