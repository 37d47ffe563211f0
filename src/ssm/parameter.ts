import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * A parameter the guard needs could not be read from SSM Parameter Store. The message names the
 * parameter and what to do, never the value.
 */
export class ParameterError extends Error {
  override name = 'ParameterError';
}

/**
 * Reads an SSM SecureString (decrypted), trimmed; `holds` says what it should hold, for the message
 * when it is empty ("a bot token"). Caching is the caller's job: the Lambda reads once per cold start.
 */
export async function readSecureString(client: SSMClient, name: string, holds: string): Promise<string> {
  let value: string | undefined;
  try {
    const answer = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    value = answer.Parameter?.Value;
  } catch (error) {
    throw new ParameterError(describeFailure(name, error), { cause: error });
  }
  // A value pasted from a file often ends in a newline.
  const text = value?.trim() ?? '';
  if (text === '') throw new ParameterError(`SSM parameter ${name} holds no ${holds}`);
  return text;
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
