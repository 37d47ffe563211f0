import { htmlToPlain } from '../../src/core/html.js';

/**
 * Words a Chinese reader would read as English left in a Chinese text. What must stay as typed or as
 * AWS spells it is taken out first: `<code>` spans (commands, tags, values), what the service said
 * ("AWS 返回：…"), values in quotes (“lots”), the given instance and pool names, region codes,
 * setting names (QUOTA_PERCENT, ACTION=notify), and the product's name. What remains may hold
 * units and proper names only.
 */
const ALLOWED = new Set([
  'AWS',
  'Lightsail',
  'Telegram',
  'SNS',
  'SMS',
  'UTC',
  'USD',
  'IPv4',
  'GB',
  'GiB',
  'kbps',
  'Mbps',
  'Gbps',
  'NetworkIn',
  'NetworkOut',
  'metricData',
  'GetInstances',
  'DNS',
  // Time zones' own short names.
  'PST',
  'PDT',
]);

export function englishLeft(html: string, names: readonly string[] = []): string[] {
  let text = htmlToPlain(html.replace(/<code>[\s\S]*?<\/code>/g, ' '));
  text = text.replace(/（(?:AWS 返回|英文原文)：[^）]*）|AWS 返回：[^；。\n]*/g, ' ');
  text = text.replace(/“[^”]*”/g, ' ');
  for (const name of [...names].sort((a, b) => b.length - a.length)) text = text.split(name).join(' ');
  text = text.replace(/lightsail-guard(?::[a-z-]+)?/g, ' ');
  text = text.replace(/(^|[^A-Za-z0-9])\/[a-z]+/g, '$1 ');
  text = text.replace(/\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b/g, ' ');
  text = text.replace(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, ' ');
  text = text.replace(/\bACTION=[a-z]+\b/g, ' ');
  return (text.match(/[A-Za-z][A-Za-z0-9]{2,}/g) ?? []).filter((word) => !ALLOWED.has(word));
}
