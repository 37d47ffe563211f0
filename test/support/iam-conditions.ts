/**
 * A tiny evaluator of the IAM condition operators the guard's policies use, over an instance's tags
 * (`aws:ResourceTag/<key>`), to test a grant as data. It knows only what the IAM reference says
 * (a missing key matches no positive operator and every negated one; `Null: true` means the key is
 * absent) and throws on any operator it does not model, so a policy cannot outgrow it unseen.
 */

/**
 * How IAM might read a tag whose value is empty (a cleared record, a key-only tag): the IAM
 * reference does not say for a single-valued key, so a grant is tested under each.
 * - `value`: the key is in the request context with the value "", and `Null` says it exists;
 * - `null`: the key is in the context with the value "", but `Null` reads it as null (absent);
 * - `absent`: IAM leaves the key out of the context altogether.
 */
export type EmptyTagReading = 'value' | 'null' | 'absent';

export const EMPTY_TAG_READINGS: readonly EmptyTagReading[] = ['value', 'null', 'absent'];

type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface StatementLike {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

const RESOURCE_TAG = 'aws:ResourceTag/';

/** IAM's `StringLike` wildcards: `*` any run of characters, `?` exactly one; case-sensitive. */
function globMatches(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

/** The value a condition key has in the request context, or `undefined` when it is not there. */
function contextValue(key: string, tags: Readonly<Record<string, string>>, reading: EmptyTagReading) {
  if (!key.startsWith(RESOURCE_TAG)) throw new Error(`the evaluator knows no condition key ${key}`);
  const value = tags[key.slice(RESOURCE_TAG.length)];
  return value === '' && reading === 'absent' ? undefined : value;
}

function operatorHolds(
  operator: string,
  key: string,
  expected: readonly string[],
  tags: Readonly<Record<string, string>>,
  reading: EmptyTagReading,
): boolean {
  const value = contextValue(key, tags, reading);
  switch (operator) {
    case 'StringLike':
      return value !== undefined && expected.some((pattern) => globMatches(pattern, value));
    case 'StringNotLike':
      return value === undefined || !expected.some((pattern) => globMatches(pattern, value));
    case 'Null': {
      const isNull = value === undefined || (value === '' && reading === 'null');
      return expected.some((wanted) => wanted === String(isNull));
    }
    default:
      throw new Error(`the evaluator knows no condition operator ${operator}`);
  }
}

/** Every operator, and every key within it, must hold (IAM's AND); values of one key are an OR. */
export function conditionHolds(
  condition: ConditionBlock | undefined,
  tags: Readonly<Record<string, string>>,
  reading: EmptyTagReading,
): boolean {
  return Object.entries(condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) =>
      operatorHolds(operator, key, [expected].flat(), tags, reading),
    ),
  );
}

/**
 * Whether these statements let `action` be made on an instance with these tags: an explicit Deny
 * that applies wins, else an Allow that applies grants it. Resources are not compared: every
 * statement here names every instance of the account.
 */
export function isAllowed(
  statements: readonly StatementLike[],
  action: string,
  tags: Readonly<Record<string, string>>,
  reading: EmptyTagReading,
): boolean {
  const applying = statements.filter(
    (s) => [s.Action].flat().includes(action) && conditionHolds(s.Condition, tags, reading),
  );
  return !applying.some((s) => s.Effect === 'Deny') && applying.some((s) => s.Effect === 'Allow');
}
