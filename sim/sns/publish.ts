import { randomUUID } from 'node:crypto';
import { SnsError } from './query.js';

/** A message the fake accepted, with the text each protocol gets. */
export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject: string | undefined;
  /** The Message parameter as sent: the text, or with `MessageStructure=json` the JSON structure. */
  readonly message: string;
  /**
   * The text per protocol: `default` always (the Message itself without a structure), and any
   * protocol the structure names (`sms`, `email`, ...). See `textFor`.
   */
  readonly texts: Readonly<Record<string, string>>;
  /** String message attributes by name (subscription filter policies match on them). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageId: string;
}

/**
 * Publish's documented limits: a message of at most 256 KB (262,144 bytes, not characters),
 * message attributes included (their names, types and values count).
 */
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

/** The text a subscriber of this protocol gets: its own entry of the structure, else `default`. */
export function textFor(message: PublishedMessage, protocol: string): string {
  return message.texts[protocol] ?? message.texts.default ?? message.message;
}

/**
 * `MessageStructure=json` as the API reference states it: the Message must be a valid JSON object
 * with at least a top-level `default` key whose value is a string; other top-level keys give the
 * text of one protocol (`sms`, `email`, `http`, ...).
 */
function texts(message: string, structure: string | null): Record<string, string> {
  if (structure === null) return { default: message };
  if (structure !== 'json')
    throw new SnsError(400, 'InvalidParameter', 'Invalid parameter: MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    );
  }
  const entries = Object.entries(parsed);
  if (typeof (parsed as { default?: unknown }).default !== 'string') {
    throw new SnsError(
      400,
      'InvalidParameter',
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    );
  }
  const bad = entries.find(([, value]) => typeof value !== 'string');
  if (bad !== undefined) {
    throw new SnsError(
      400,
      'InvalidParameter',
      `Invalid parameter: Message Structure - the value of "${bad[0]}" is not a string`,
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
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
  const attributes = messageAttributes(params);
  const attributeBytes = Object.entries(attributes).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(`${name}String${value}`, 'utf8'),
    0,
  );
  if (Buffer.byteLength(message, 'utf8') + attributeBytes > MAX_MESSAGE_BYTES) {
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
  return {
    topicArn,
    subject,
    message,
    texts: texts(message, params.get('MessageStructure')),
    attributes,
    messageId: randomUUID(),
  };
}

/**
 * `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue`, as the Query protocol
 * sends a map. Only String attributes are kept; a name SNS reserves (`AWS.`, `Amazon.`) is refused.
 */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const found: Record<string, string> = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = params.get(`MessageAttributes.entry.${n}.Name`) ?? '';
    const type = params.get(`MessageAttributes.entry.${n}.Value.DataType`);
    const value = params.get(`MessageAttributes.entry.${n}.Value.StringValue`);
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || /^(aws|amazon)\./i.test(name)) {
      throw new SnsError(400, 'InvalidParameterValue', `The message attribute '${name}' has an invalid name`);
    }
    if (type === null || value === null) {
      throw new SnsError(
        400,
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain a non-empty value`,
      );
    }
    if (type === 'String') found[name] = value;
  }
  return found;
}
