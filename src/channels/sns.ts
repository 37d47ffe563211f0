import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { type AwsSettings, clientOptions } from '../aws-settings.js';
import { ENV, SNS_TYPE_ATTRIBUTE } from '../constants.js';
import { cutLine } from '../core/compose.js';
import type { Channel, OutgoingMessage } from '../core/ports.js';
import { SMS_MAX_CHARS } from '../core/sms.js';
import { type Environment, setting } from '../env.js';
import { ConfigError, describeError } from '../errors.js';
import { noCredentials } from '../lightsail/credentials.js';
import { defineChannel } from './descriptor.js';
import { ChannelRefusedError, ChannelUnreachableError } from './errors.js';

const LABEL = 'Amazon SNS';

/** Publish's limit: a message of at most 256 KB (262,144 bytes), its attributes included. */
const PUBLISH_LIMIT_BYTES = 262_144;

/** Room for the `type` attribute (its name, data type and value). */
const ATTRIBUTE_ROOM_BYTES = 1_024;

/** The most the `sms` entry takes: each of its UTF-16 units escaped at worst as six bytes (`\u0001`). */
const SMS_ROOM_BYTES = SMS_MAX_CHARS * 6;

/** The structure around the two texts: `{"default":"","sms":""}`. */
const STRUCTURE_BYTES = JSON.stringify({ default: '', sms: '' }).length;

/**
 * How long the full text may be, in UTF-8 bytes once escaped inside the JSON structure (the
 * channel's format measures it so): what Publish takes, less the attribute, the `sms` entry at its
 * longest and the structure's own characters.
 */
export const SNS_MESSAGE_LIMIT_BYTES =
  PUBLISH_LIMIT_BYTES - ATTRIBUTE_ROOM_BYTES - SMS_ROOM_BYTES - STRUCTURE_BYTES;

export const SNS_SUBJECT_MAX_CHARS = 99;

/** A subject SNS accepts: one line, under 100 characters (code points), cut with an ellipsis. */
export function snsSubject(subject: string): string {
  return cutLine(subject, SNS_SUBJECT_MAX_CHARS);
}

/**
 * The subject with everything outside ASCII dropped: the current API reference allows UTF-8
 * subjects, older documentation said ASCII only. If SNS refuses a subject, the message is
 * published again under this one rather than lost. It always names the guard, so that a subject
 * whose words were all dropped still says where it comes from.
 */
export function asciiSubject(subject: string): string {
  const ascii = subject
    .replace(/[^\u0020-\u007e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return snsSubject(ascii.startsWith('lightsail-guard') ? ascii : `lightsail-guard ${ascii}`.trim());
}

/** The region in a topic ARN (`arn:aws:sns:<region>:<account>:<name>`): Publish must go there. */
export function topicRegion(topicArn: string): string {
  return topicArn.split(':')[3] ?? '';
}

/**
 * The Message of a Publish with `MessageStructure: 'json'`: one text per protocol. `default`, the
 * full plain text, is what email and every protocol without its own entry gets; `sms` is the short
 * text (at most 1,600 characters), since SNS sends no more than that in one SMS publish. There is
 * no `email` entry: it would repeat `default` and halve what one publish can carry.
 */
export function snsMessageStructure(message: OutgoingMessage): string {
  return JSON.stringify({ default: message.text, sms: message.sms });
}

/**
 * Why a Publish failed, as the error pair every channel throws. SNS answered and refused it (a
 * client fault the SDK would not retry: no permission, no such topic, a bad parameter), or it could
 * not be reached in time (the network, a timeout, throttling or SNS's own fault past the SDK's
 * retries). The ARN is no secret: the role's policy names it.
 */
function publishFailed(topicArn: string, error: unknown): Error {
  if (error instanceof ChannelUnreachableError) {
    // Not attempted: no time was left in this run.
    return new ChannelUnreachableError(`Publish to ${topicArn} failed: ${error.message}`, error.attempts);
  }
  const message = `Publish to ${topicArn} failed: ${noCredentials(error)?.message ?? describeError(error)}`;
  const sdk = error as { $fault?: unknown; $retryable?: unknown; $metadata?: { attempts?: unknown } };
  if (sdk.$fault === 'client' && sdk.$retryable === undefined) {
    return new ChannelRefusedError(message, { cause: error });
  }
  const attempts = typeof sdk.$metadata?.attempts === 'number' ? sdk.$metadata.attempts : 1;
  return new ChannelUnreachableError(message, attempts, { cause: error });
}

/**
 * Amazon SNS as a channel: email subscribers of the topic get the subject and the plain text (SNS
 * sends no HTML), SMS subscribers the short text. The client carries the SDK's retries and endpoint
 * (`AWS_ENDPOINT_URL_SNS`); every publish is aborted at the run's alert deadline.
 */
export function createSnsChannel(settings: {
  readonly client: SNSClient;
  readonly topicArn: string;
  /** Epoch ms by which every publish must have ended. */
  readonly deadline?: number;
  /** Longest time one message may take, the SDK's retries included. Default 60 000 ms. */
  readonly maxTotalMs?: number;
  readonly now?: () => number;
}): Channel {
  const now = settings.now ?? Date.now;
  const publish = async (subject: string, message: OutgoingMessage): Promise<void> => {
    const budget = Math.min(
      settings.maxTotalMs ?? 60_000,
      (settings.deadline ?? Number.POSITIVE_INFINITY) - now(),
    );
    if (budget <= 0)
      throw new ChannelUnreachableError('Amazon SNS Publish not attempted: no time left in this run', 0);
    await settings.client.send(
      new PublishCommand({
        TopicArn: settings.topicArn,
        Subject: subject,
        Message: snsMessageStructure(message),
        MessageStructure: 'json',
        MessageAttributes: { [SNS_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: message.type } },
      }),
      { abortSignal: AbortSignal.timeout(Math.floor(budget)) },
    );
  };
  return {
    name: 'sns',
    label: LABEL,
    format: sns.format,
    async send(message) {
      const subject = snsSubject(message.subject);
      try {
        await publish(subject, message);
      } catch (error) {
        const refusedSubject =
          error instanceof Error && /InvalidParameter/.test(error.name) && /Subject/.test(error.message);
        if (!refusedSubject || asciiSubject(subject) === subject)
          throw publishFailed(settings.topicArn, error);
        await publish(asciiSubject(subject), message);
      }
    },
  };
}

/** An Amazon SNS topic (`SNS_TOPIC_ARN`) whose email and SMS subscribers get the plain text. */
export interface SnsSettings {
  readonly topicArn: string;
}

/** A standard topic's ARN. FIFO topics (`.fifo`) take no email or SMS subscribers. */
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:[A-Za-z0-9_-]{1,256}$/;

function parseSns(env: Environment): SnsSettings | undefined {
  const raw = setting(env, ENV.snsTopicArn);
  if (raw === undefined) return undefined;
  if (raw.endsWith('.fifo')) {
    throw new ConfigError(
      `${ENV.snsTopicArn} must be a standard topic: FIFO topics deliver to no email or SMS subscriber; got "${raw}".`,
    );
  }
  if (!SNS_TOPIC_ARN.test(raw)) {
    throw new ConfigError(
      `${ENV.snsTopicArn} must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:lightsail-guard-alerts; got "${raw}".`,
    );
  }
  return Object.freeze({ topicArn: raw });
}

/**
 * The client of the topic's region (Publish must go there), with the SDK's endpoint (or the one
 * `aws` gives) and retries.
 */
export function snsClientFor(topicArn: string, aws: AwsSettings = {}): SNSClient {
  return new SNSClient({ ...clientOptions(aws, 'sns'), region: topicRegion(topicArn) });
}

/** `SNS_TOPIC_ARN`: email and SMS through a topic. The ARN is no secret: the Lambda's policy names it. */
export const sns = defineChannel({
  name: 'sns',
  label: LABEL,
  place: 'here',
  format: { body: 'text', limit: SNS_MESSAGE_LIMIT_BYTES, measure: 'json' },
  variables: [ENV.snsTopicArn],
  secrets: [],
  parse: parseSns,
  destination: (settings) => `topic ${settings.topicArn}`,
  // The same hint the Lightsail calls give: both read the AWS SDK's default credential chain.
  hint: (error) => noCredentials(error)?.hint,
  build: (settings, run) =>
    createSnsChannel({
      client: run.snsClient ?? snsClientFor(settings.topicArn),
      topicArn: settings.topicArn,
      ...(run.deadline === undefined ? {} : { deadline: run.deadline }),
      ...(run.maxTotalMs === undefined ? {} : { maxTotalMs: run.maxTotalMs }),
    }),
});
