import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * The bot token could not be read from SSM Parameter Store. The message names the parameter and
 * what to do, never the value.
 */
export class BotTokenParameterError extends Error {
  override name = 'BotTokenParameterError';
}

/**
 * Reads the Telegram bot token from an SSM SecureString (decrypted). Caching is the caller's job:
 * the Lambda handler reads it once per cold start.
 */
export async function readBotTokenParameter(client: SSMClient, name: string): Promise<string> {
  let value: string | undefined;
  try {
    const answer = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    value = answer.Parameter?.Value;
  } catch (error) {
    throw new BotTokenParameterError(describeFailure(name, error), { cause: error });
  }
  // A token pasted from a file often ends in a newline; Telegram would reject it.
  const token = value?.trim() ?? '';
  if (token === '') throw new BotTokenParameterError(`SSM parameter ${name} holds no bot token`);
  return token;
}

function describeFailure(name: string, error: unknown): string {
  const type = error instanceof Error ? error.name : 'UnknownError';
  switch (type) {
    case 'ParameterNotFound':
      return `SSM parameter ${name} does not exist in this account and region: create it with aws ssm put-parameter --type SecureString`;
    case 'AccessDeniedException':
      return `not allowed to read SSM parameter ${name}: the role needs ssm:GetParameter on it (and kms:Decrypt for a customer-managed key)`;
    default:
      return `could not read SSM parameter ${name} (${type})`;
  }
}
