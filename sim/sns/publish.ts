import { randomUUID } from 'node:crypto';
import { SnsError } from './query.js';

/** A message the fake accepted, as SNS would deliver it to an email subscriber. */
export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  readonly messageId: string;
}

/** Publish's documented limits: a message of at most 256 KB (262,144 bytes, not characters). */
export const MAX_MESSAGE_BYTES = 262_144;

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(\.fifo)?)$/;

/**
 * The Subject constraint as the current API reference states it: UTF-8 text, no line breaks or
 * control characters, less than 100 characters long. (Older documentation said ASCII only; the
 * guard's SNS channel falls back to an ASCII subject if a service refuses a UTF-8 one.)
 */
export function subjectProblem(
  subject: string,
  options: { readonly asciiOnly: boolean },
): string | undefined {
  if (subject.length === 0) return 'Subject must be non-empty';
  if ([...subject].length >= 100) return 'Subject must be less than 100 characters long';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: what SNS refuses
  if (/[\u0000-\u001f\u007f]/.test(subject))
    return 'Subject must not include line breaks or control characters';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
  if (options.asciiOnly && /[^\u0000-\u007f]/.test(subject)) return 'Subject must be ASCII text';
  return undefined;
}

/**
 * Checks a Publish request as SNS does and returns the message it would deliver, or throws the
 * error SNS answers with.
 */
export function publish(
  params: URLSearchParams,
  context: { readonly region: string; readonly topics: ReadonlySet<string>; readonly asciiSubjects: boolean },
): PublishedMessage {
  const topicArn = params.get('TopicArn');
  const message = params.get('Message');
  const subject = params.get('Subject') ?? undefined;
  if (topicArn === null) {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
    );
  }
  const arn = TOPIC_ARN.exec(topicArn);
  if (arn === null) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: TopicArn');
  if (arn[1] !== context.region) {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: TopicArn: the topic is not in the region of the request',
    );
  }
  if (!context.topics.has(topicArn)) throw new SnsError(404, 'NotFound', 'Topic does not exist');
  if (message === null) {
    throw new SnsError(
      400,
      'ValidationError',
      "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
    );
  }
  if (message.length === 0) throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Empty message');
  if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES) {
    throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: Message too long');
  }
  if (arn[4] !== undefined && params.get('MessageGroupId') === null) {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    );
  }
  if (subject !== undefined) {
    const problem = subjectProblem(subject, { asciiOnly: context.asciiSubjects });
    if (problem !== undefined)
      throw new SnsError(400, 'InvalidParameter', `Invalid parameter: Subject (${problem})`);
  }
  return { topicArn, subject, message, messageId: randomUUID() };
}
