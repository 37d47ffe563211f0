/**
 * `npm run -s policy`: prints the IAM policy the guard needs, for console and CLI users (and
 * docs/deploy.md, which a test keeps equal to it). A small CLI of its own: `--help`, errors as one line
 * (exit 2) instead of Node's stack trace, a checked account id, and `--output <file>` for a file
 * that holds only the JSON (without `-s`, npm prints its script header on stdout first).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cliPolicyDocument, printablePolicyDocument } from '../infra/policy.js';
import { closestOption } from '../src/cli/options.js';

export const POLICY_HELP = `Usage: npm run -s policy -- [options]
       (-s keeps npm's script header out of the output, so that "> policy.json" is valid JSON)

Prints the IAM policy of the scheduled guard (what the CDK stack gives its function), or with
--cli the policy of the CLI's instance commands, as JSON. Placeholders such as <ACCOUNT_ID> stay
where an option does not fill them in.

Options:
  --account <id>          the 12-digit AWS account id, e.g. 123456789012
  --region <region>       the region of the function and its SSM parameter, e.g. ap-southeast-1
  --parameter <name>      the bot token's SSM parameter (default /lightsail-guard/telegram-bot-token)
  --kms-key-arn <arn>     the customer-managed KMS key that encrypts the parameter, if any
  --restart-on-new-month  add lightsail:StartInstance, as RESTART_ON_NEW_MONTH=true needs
  --sns-topic-arn <arn>   add sns:Publish to this topic (with SNS_TOPIC_ARN)
  --channel-secrets-parameter <name>
                          add reading this SSM parameter (with CHANNEL_SECRETS_PARAMETER)
  --cli                   the policy of the CLI's instance commands (keep-running, hold, ...)
                          instead; takes --account only
  -o, --output <file>     write the JSON to <file> instead of printing it
  -h, --help              show this help`;

const OPTIONS = {
  account: { type: 'string' },
  region: { type: 'string' },
  parameter: { type: 'string' },
  'kms-key-arn': { type: 'string' },
  'restart-on-new-month': { type: 'boolean' },
  cli: { type: 'boolean' },
  'sns-topic-arn': { type: 'string' },
  'channel-secrets-parameter': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** An AWS account id: exactly 12 digits (leading zeros included). */
const ACCOUNT_ID = /^\d{12}$/;

/** A mistake on the command line: one line on stderr, exit code 2. */
class PolicyUsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const given = /'(-[^'\s]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = closestOption(given, Object.keys(OPTIONS));
      throw new PolicyUsageError(`unknown option ${given}${near ? `; did you mean ${near}?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const extra = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new PolicyUsageError(
        `unexpected argument "${extra}": every value follows its option, e.g. --account 123456789012`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message)) {
      throw new PolicyUsageError(`${given} needs a value`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new PolicyUsageError(`${given} takes no value`);
    }
    throw new PolicyUsageError(message);
  }
}

/** The policy document the options ask for; throws `PolicyUsageError` for a malformed account id. */
function policyFor(values: ReturnType<typeof parse>) {
  const { account } = values;
  if (account !== undefined && !ACCOUNT_ID.test(account)) {
    throw new PolicyUsageError(
      `--account must be the 12-digit AWS account id (aws sts get-caller-identity shows it), got "${account}"`,
    );
  }
  if (values.cli) return cliPolicyDocument('aws', account ?? '<ACCOUNT_ID>');
  return printablePolicyDocument({
    ...(account ? { account } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values.parameter ? { botTokenParameterName: values.parameter } : {}),
    ...(values['kms-key-arn'] ? { botTokenKmsKeyArn: values['kms-key-arn'] } : {}),
    ...(values['restart-on-new-month'] ? { restartOnNewMonth: true } : {}),
    ...(values['sns-topic-arn'] ? { alertTopicArn: values['sns-topic-arn'] } : {}),
    ...(values['channel-secrets-parameter']
      ? { channelSecretsParameterName: values['channel-secrets-parameter'] }
      : {}),
  });
}

/**
 * Runs `npm run policy` with `argv` (its arguments after `--`) and returns the exit code: 0 done,
 * 1 the output file could not be written, 2 a mistake on the command line.
 */
export function printPolicy(
  argv: readonly string[],
  io: { readonly out: (text: string) => void; readonly err: (text: string) => void },
): number {
  try {
    const values = parse(argv);
    if (values.help) {
      io.out(POLICY_HELP);
      return 0;
    }
    const json = `${JSON.stringify(policyFor(values), null, 2)}\n`;
    if (values.output === undefined) {
      io.out(json.trimEnd());
      return 0;
    }
    try {
      writeFileSync(values.output, json);
    } catch (error) {
      io.err(`npm run policy: could not write ${values.output}: ${(error as Error).message}`);
      return 1;
    }
    io.err(`npm run policy: wrote ${values.output}`);
    return 0;
  } catch (error) {
    if (!(error instanceof PolicyUsageError)) throw error;
    io.err(`npm run policy: ${error.message}\nRun "npm run -s policy -- --help" for the options.`);
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = printPolicy(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
