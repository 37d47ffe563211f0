import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SNS_TYPE_ATTRIBUTE } from '../constants.js';
import { cutLine } from '../core/compose.js';
import { CHANNEL_LABELS, type Channel } from '../core/ports.js';
import { describeError } from '../errors.js';

/**
 * Publish's limits: a message of at most 256 KB (262,144 bytes) with its attributes, a subject
 * under 100 characters. The body is packed under the limit less room for the `type` attribute.
 */
export const SNS_MESSAGE_LIMIT_BYTES = 262_144 - 1_024;

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
 * Amazon SNS as a channel: email and SMS subscribers of the topic get the subject and the plain
 * text (SNS sends no HTML). The client carries the SDK's retries and endpoint
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
  const publish = async (subject: string, message: string, type: string): Promise<void> => {
    const budget = Math.min(
      settings.maxTotalMs ?? 60_000,
      (settings.deadline ?? Number.POSITIVE_INFINITY) - now(),
    );
    if (budget <= 0) throw new Error('Amazon SNS Publish not attempted: no time left in this run');
    await settings.client.send(
      new PublishCommand({
        TopicArn: settings.topicArn,
        Subject: subject,
        Message: message,
        MessageAttributes: { [SNS_TYPE_ATTRIBUTE]: { DataType: 'String', StringValue: type } },
      }),
      { abortSignal: AbortSignal.timeout(Math.floor(budget)) },
    );
  };
  return {
    name: 'sns',
    label: CHANNEL_LABELS.sns,
    format: { body: 'text', limit: SNS_MESSAGE_LIMIT_BYTES, measure: 'utf8' },
    async send(message) {
      const subject = snsSubject(message.subject);
      try {
        await publish(subject, message.text, message.type);
      } catch (error) {
        const refusedSubject =
          error instanceof Error && /InvalidParameter/.test(error.name) && /Subject/.test(error.message);
        if (!refusedSubject || asciiSubject(subject) === subject) {
          throw new Error(`Publish to ${settings.topicArn} failed: ${describeError(error)}`, {
            cause: error,
          });
        }
        await publish(asciiSubject(subject), message.text, message.type);
      }
    },
  };
}
