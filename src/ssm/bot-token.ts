import type { SSMClient } from '@aws-sdk/client-ssm';
import { ParameterError, readSecureString } from './parameter.js';

/** The bot token could not be read from SSM Parameter Store (named, never echoed). */
export { ParameterError as BotTokenParameterError };

/** Reads the Telegram bot token from an SSM SecureString (decrypted); a trailing newline is dropped. */
export function readBotTokenParameter(client: SSMClient, name: string): Promise<string> {
  return readSecureString(client, name, 'bot token');
}
