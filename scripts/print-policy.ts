/**
 * `npm run policy`: prints the IAM policy the guard needs, for console and CLI users (and
 * docs/deploy.md, which a test keeps equal to it). Options fill in the placeholders:
 *   --account 123456789012 --region ap-southeast-1 --parameter /lightsail-guard/telegram-bot-token
 *   --restart-on-new-month   with lightsail:StartInstance, as RESTART_ON_NEW_MONTH=true needs
 *   --cli                    the policy of the CLI's instance commands (keep-running, hold, ...) instead
 *   --sns-topic-arn arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts (with SNS_TOPIC_ARN)
 *   --channel-secrets-parameter /lightsail-guard/channels (with CHANNEL_SECRETS_PARAMETER)
 */
import { parseArgs } from 'node:util';
import { cliPolicyDocument, printablePolicyDocument } from '../infra/policy.js';

const { values } = parseArgs({
  options: {
    account: { type: 'string' },
    region: { type: 'string' },
    parameter: { type: 'string' },
    'kms-key-arn': { type: 'string' },
    'restart-on-new-month': { type: 'boolean' },
    cli: { type: 'boolean' },
    'sns-topic-arn': { type: 'string' },
    'channel-secrets-parameter': { type: 'string' },
  },
});
const guard = printablePolicyDocument({
  ...(values.account ? { account: values.account } : {}),
  ...(values.region ? { region: values.region } : {}),
  ...(values.parameter ? { botTokenParameterName: values.parameter } : {}),
  ...(values['kms-key-arn'] ? { botTokenKmsKeyArn: values['kms-key-arn'] } : {}),
  ...(values['restart-on-new-month'] ? { restartOnNewMonth: true } : {}),
  ...(values['sns-topic-arn'] ? { alertTopicArn: values['sns-topic-arn'] } : {}),
  ...(values['channel-secrets-parameter']
    ? { channelSecretsParameterName: values['channel-secrets-parameter'] }
    : {}),
});
const document = values.cli ? cliPolicyDocument('aws', values.account ?? '<ACCOUNT_ID>') : guard;
console.log(JSON.stringify(document, null, 2));
