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

/** How a date reads in each catalogue's language: "24 Nov" in English, "11月24日" in Chinese. */
export type DateStyle = 'en' | 'zh-CN';

/** The zones that keep China's time: their readers call it 北京时间. */
const BEIJING_TIME = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, zoneName: 'short' | 'longOffset'): Intl.DateTimeFormat {
  const key = `${timeZone} ${zoneName}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      day: 'numeric',
      month: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: zoneName,
    });
    formats.set(key, format);
  }
  return format;
}

interface Parts {
  readonly year: string;
  readonly month: number;
  readonly day: string;
  readonly time: string;
  readonly zone: string;
  readonly offset: string;
}

function partsIn(date: Date, timeZone: string): Parts {
  const of = (zoneName: 'short' | 'longOffset'): Record<string, string> =>
    Object.fromEntries(
      formatIn(timeZone, zoneName)
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    );
  const p = of('short');
  return {
    year: p.year ?? '',
    month: Number(p.month),
    day: p.day ?? '',
    time: `${p.hour}:${p.minute}`,
    zone: p.timeZoneName ?? '',
    offset: of('longOffset').timeZoneName ?? '',
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The name readers give the zone at `date`: 北京时间 in Chinese for China's zones, else the zone's
 * own short name where it has one (UTC, PST, CET), else its offset from UTC ("UTC+8", "UTC-3:30"),
 * never Intl's "GMT+8".
 */
export function zoneLabel(date: Date, timeZone: string, style: DateStyle = 'en'): string {
  if (style === 'zh-CN' && BEIJING_TIME.has(timeZone)) return '北京时间';
  const { zone, offset } = partsIn(date, timeZone);
  if (/^[A-Z]{2,5}$/.test(zone)) return zone;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (match === null) return 'UTC';
  const [, sign, hours, minutes] = match;
  return `UTC${sign}${Number(hours)}${minutes === '00' ? '' : `:${minutes}`}`;
}

/** A day and time with its zone's label, where each language puts it. */
function labelled(day: string, p: Parts, label: string, style: DateStyle): string {
  return style === 'zh-CN' && label === '北京时间'
    ? `${label} ${day} ${p.time}`
    : `${day} ${p.time} ${label}`;
}

const dayOf = (p: Parts, style: DateStyle): string =>
  style === 'en' ? `${p.day} ${MONTHS[p.month - 1]}` : `${p.month}月${p.day}日`;

const dateOf = (p: Parts, style: DateStyle): string =>
  style === 'en'
    ? `${p.year}-${String(p.month).padStart(2, '0')}-${p.day.padStart(2, '0')}`
    : `${p.year}年${p.month}月${p.day}日`;

/**
 * "24 Nov 17:00 UTC+8", "北京时间 11月24日 17:00", "11月24日 01:00 PST": day, month and 24-hour time
 * in `timeZone`, with its label (`zoneLabel`). For times within the month: forecasts, expiries.
 */
export function displayTime(date: Date, timeZone: string, style: DateStyle = 'en'): string {
  const p = partsIn(date, timeZone);
  return labelled(dayOf(p, style), p, zoneLabel(date, timeZone, style), style);
}

/** "30 Nov" (or "11月30日"): the UTC day of `date`, for billing-month dates (months end at 00:00 UTC). */
export function utcDay(date: Date, style: DateStyle = 'en'): string {
  return dayOf(partsIn(date, 'UTC'), style);
}

/**
 * "2026-11-20 17:50 UTC+8", "北京时间 2026年11月20日 17:50": the minute of a moment the guard
 * recorded (a stop, a report, a test message) in `timeZone`, with the year. Text that is not an ISO
 * time (a hand-edited tag) is shown as it is.
 */
export function stampTime(
  time: Date | string,
  timeZone: string = DEFAULT_TIME_ZONE,
  style: DateStyle = 'en',
): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  if (
    typeof time === 'string' &&
    (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(time) || Number.isNaN(date.getTime()))
  )
    return time;
  const p = partsIn(date, timeZone);
  return labelled(dateOf(p, style), p, zoneLabel(date, timeZone, style), style);
}

/** "2026-11-20" (or "2026年11月20日"): the date of a moment in `timeZone`, as a report's subject names it. */
export function stampDate(time: Date, timeZone: string = DEFAULT_TIME_ZONE, style: DateStyle = 'en'): string {
  return dateOf(partsIn(time, timeZone), style);
}

/**
 * When the allowance resets (00:00 UTC on the 1st), in UTC and, when the reader's zone is another,
 * in theirs: "1 Dec 00:00 UTC (08:00 UTC+8)", "12月1日 00:00 UTC（北京时间 08:00）", with the
 * reader's day when it is another ("12月1日 00:00 UTC（11月30日 16:00 PST）").
 */
export function resetTime(at: Date, timeZone: string, style: DateStyle = 'en'): string {
  const utc = displayTime(at, 'UTC', style);
  const label = zoneLabel(at, timeZone, style);
  if (label === 'UTC' || /^GMT(?:[+-]00:00)?$/.test(partsIn(at, timeZone).offset)) return utc;
  const p = partsIn(at, timeZone);
  const sameDay = p.day === partsIn(at, 'UTC').day;
  const local = sameDay ? p.time : `${dayOf(p, style)} ${p.time}`;
  const theirs = style === 'zh-CN' && label === '北京时间' ? `${label} ${local}` : `${local} ${label}`;
  return style === 'zh-CN' ? `${utc}（${theirs}）` : `${utc} (${theirs})`;
}
