/**
 * The chat commands' pure core: reading a command from a message, who asked, and which change a
 * command made, as plain data that the language catalogues (`i18n/commands-*.ts`) put into words.
 */

/** The commands the guard answers in its chat; anything else gets the help. */
export const CHAT_COMMANDS = ['status', 'report', 'keep', 'hold', 'release', 'help'] as const;
export type ChatCommand = (typeof CHAT_COMMANDS)[number];

/** A command as typed: `/keep@guard_bot web_1 us-east-1`. */
export interface TypedCommand {
  /** One of `CHAT_COMMANDS`, or `unknown` (the help answers it). */
  readonly command: ChatCommand | 'unknown';
  /** The `@botname` after the command, lower-cased, when one was given (groups). */
  readonly mention: string | undefined;
  readonly args: readonly string[];
}

/**
 * Reads a message's text as a command, or `undefined` when it is not one (no leading `/`). `/start`,
 * which Telegram sends when someone first opens the bot, is the help.
 */
export function parseCommand(text: string): TypedCommand | undefined {
  const [first = '', ...args] = text.trim().split(/\s+/);
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?$/.exec(first);
  if (!match) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  const command =
    name === 'start' ? 'help' : (CHAT_COMMANDS as readonly string[]).includes(name) ? name : 'unknown';
  return { command: command as TypedCommand['command'], mention: match[2]?.toLowerCase(), args };
}

/** A Telegram user as the update names them. */
export interface ChatUser {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
}

/** "Alice Liu (@alice)", or "Alice (id 42)" without a username: how a change names who asked. */
export function whoAsked(user: ChatUser): string {
  const name = [user.firstName, user.lastName].filter((part) => part !== undefined && part !== '').join(' ');
  return user.username !== undefined ? `${name} (@${user.username})` : `${name} (id ${user.id})`;
}

/** A change a command made, to be said in the chat and announced on every other channel. */
export type ChatChange =
  | {
      readonly kind: 'kept';
      readonly name: string;
      readonly region: string;
      readonly month: string;
      /** Started by the command (it was stopped). */
      readonly started: boolean;
      readonly by: string;
    }
  | { readonly kind: 'held'; readonly name: string; readonly region: string; readonly by: string }
  | {
      readonly kind: 'released';
      readonly name: string;
      readonly region: string;
      readonly by: string;
      /** The billing month the guard stopped it in, when a later month's check may start it. */
      readonly stoppedIn: string | undefined;
    };

/** What the confirmation of `/keep` says: the instance, what pressing does, what it costs. */
export interface KeepQuestion {
  readonly name: string;
  readonly region: string;
  readonly state: string;
  /** The billing month kept, `YYYY-MM`. */
  readonly month: string;
  /** The plan's whole-month allowance, GB. */
  readonly allowanceGb: number;
  /** USD per GB out past the allowance in the region; absent where none is published. */
  readonly pricePerGb: number | undefined;
  /** When the button stops working. */
  readonly expiresAt: Date;
  readonly by: string;
}

/** How long a confirmation button works: long enough to read it, short enough not to linger. */
export const CONFIRMATION_SECONDS = 10 * 60;
