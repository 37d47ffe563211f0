/**
 * Times shown to people are in the display time zone (`TIME_ZONE`, an IANA name such as
 * Asia/Shanghai, default UTC), with the zone named next to each one; billing stays in UTC.
 */

/** The display time zone when none is set. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * Whether `value` is an IANA time zone name that both Intl and EventBridge Scheduler accept. The
 * pattern rejects offsets such as +08:00, which some Intl versions take but Scheduler does not.
 */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** How a date reads in each catalogue's language: "24 Nov" in English, "11月24日" in Chinese. */
export type DateStyle = 'en' | 'zh-CN';

const dayIn = (p: Record<string, string>, date: Date, timeZone: string, style: DateStyle): string => {
  if (style === 'en') return `${p.day} ${p.month}`;
  const month = Number(new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric' }).format(date));
  return `${month}月${p.day}日`;
};

/**
 * "24 Nov 09:00 UTC", "24 Nov 17:00 GMT+8" (or "11月24日 17:00 GMT+8"): day, month, 24-hour time and
 * the zone's short name.
 */
export function displayTime(date: Date, timeZone: string, style: DateStyle = 'en'): string {
  const p = partsIn(date, timeZone);
  return `${dayIn(p, date, timeZone, style)} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "30 Nov" (or "11月30日"): the UTC day of `date`, for billing-month dates (months end at 00:00 UTC). */
export function utcDay(date: Date, style: DateStyle = 'en'): string {
  return dayIn(partsIn(date, 'UTC'), date, 'UTC', style);
}

/**
 * "2026-11-20 09:50 UTC": the minute of a moment the guard recorded (a stop, a report, a test
 * message), in UTC like the ISO time it was written as. One rule for every language; text that is
 * not an ISO time (a hand-edited tag) is shown as it is.
 */
export function stampTime(time: Date | string): string {
  const iso = typeof time === 'string' ? time : time.toISOString();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** "2026-11-20": the UTC date of a moment, as a report's subject names it. */
export function stampDate(time: Date): string {
  return time.toISOString().slice(0, 10);
}
