import { type Composed, composeMessages } from '../../src/core/compose.js';
import { escapeHtml } from '../../src/core/html.js';
import type { ChannelFormat } from '../../src/core/ports.js';

/**
 * A run's worth of alerts, in Chinese and English, composed for a channel's format: enough of them
 * that they need several messages, so a test can check each one against the service's limit.
 */
export function aLargeBatch(format: ChannelFormat, count = 60): Composed<number>[] {
  const blocks = Array.from({ length: count }, (_, index) => {
    const html = `⚠️ <b>80% 预警</b> <code>节点_${index}.example-proxy</code>（ap-northeast-1）：已用 85.00 GB / 100.00 GB（85.0%）。达到 95% 时将被停止。 ${escapeHtml('<&>')} warning ${index}`;
    return {
      html,
      data: { kind: 'warn', instance: `节点_${index}`, text: html },
      ref: index,
    };
  });
  return composeMessages({
    blocks,
    format,
    separator: '\n\n',
    type: 'alerts',
    language: 'en',
    subject: (held) => `lightsail-guard：节点_${held[0]?.ref} 已用 85.0%（80% 预警）等 ${held.length} 条提醒`,
    sms: (held) => `lightsail-guard 共 ${held.length} 条提醒`,
  });
}

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
