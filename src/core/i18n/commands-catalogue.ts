/**
 * What a language must say in answer to the chat commands (`src/core/chat-commands.ts` decides
 * which applies). HTML, every dynamic value escaped, as the alert catalogues.
 */

import type { ChatChange, ChatCommand, KeepQuestion } from '../chat-commands.js';
import type { Language } from './catalogue.js';

export interface CommandsCatalogue {
  readonly language: Language;
  /** One line per command for `setMyCommands` (plain text, up to 256 characters). */
  readonly descriptions: Readonly<Record<ChatCommand, string>>;
  /** The answer to `/help` and to anything the guard does not know. */
  readonly help: string;
  /** The line over `/status`'s instances. */
  statusHeading(at: Date, timeZone: string): string;
  /** `/status <name>` found no monitored instance of that name. */
  notMonitored(name: string): string;
  /** `/keep`, `/hold` and `/release` need a name. */
  needsName(command: ChatCommand): string;
  /** No instance of that name in the regions searched (`unread`: regions that could not be listed). */
  notFound(name: string, unread: readonly string[]): string;
  /** The name is in several regions: say which. */
  inSeveral(command: ChatCommand, name: string, regions: readonly string[]): string;
  /** A group member who is not its administrator. */
  readonly adminsOnly: string;
  keepQuestion(question: KeepQuestion, timeZone: string): string;
  readonly keepButton: string;
  /** Held: `/keep` would not start it; release it first. */
  keepHeld(name: string, region: string): string;
  /** Kept running this month and up already: nothing done. */
  keepAlready(name: string, region: string, month: string): string;
  /** Neither running nor stopped (stopping, pending...): try again in a minute. */
  notStartable(name: string, region: string, state: string): string;
  holdAlready(name: string, region: string): string;
  releaseNone(name: string, region: string): string;
  /** A change made: said in the chat and announced on every other channel (HTML). */
  change(change: ChatChange): string;
  /** The announcement's subject line (plain text). */
  changeSubject(change: ChatChange): string;
  /** Answers to a confirmation button pressed by someone else, after it expired, or once used. */
  readonly buttonNotYours: string;
  readonly buttonExpired: string;
  readonly buttonDone: string;
  /** The expired confirmation, once its button is removed. */
  expiredQuestion(name: string, region: string): string;
  /** Something failed: what, in the guard's English error. */
  failed(error: string): string;
}
