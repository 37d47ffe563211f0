import { describe, expect, it } from 'vitest';
import { alertText } from '../../src/core/alerts.js';
import { htmlToPlain } from '../../src/core/html.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { toInstance } from '../../src/lightsail/fleet.js';
import { anInstance } from '../support/builders.js';

/** A restart changes the public IPv4 address unless a static IP is attached: proxy users must know at once. */

const context = { unit: 'GB', quotaPercent: 95, monthKey: '2026-12', timeZone: 'Asia/Shanghai' } as const;
const plain = anInstance({ name: 'proxy', region: 'ap-east-1' });
const pinned = anInstance({ name: 'site', region: 'ap-east-1', staticIp: '203.0.113.5' });
const started = (...instances: (typeof plain)[]) =>
  ({
    kind: 'started',
    started: instances.map((instance) => ({ instance, stoppedIn: '2026-11' })),
    dryRun: false,
  }) as const;

describe('the started alert and the public IPv4 address', () => {
  it('says an instance without a static IP has a new address, in both languages', () => {
    const [en, zh] = (['en', 'zh-CN'] as const).map((language) =>
      htmlToPlain(alertText(started(plain), context, catalogueFor(language))),
    );

    expect(en).toContain('Without a static IP, a start gives an instance a new public IPv4 address');
    expect(zh).toContain('未绑定静态 IP 的实例启动后会获得新的公有 IPv4 地址');
    expect(zh).toContain('流量配额已于 12月1日 00:00 UTC（北京时间 08:00）重置');
  });

  it('names the static IP kept, and says nothing of new addresses when every instance has one', () => {
    const [en, zh] = (['en', 'zh-CN'] as const).map((language) =>
      htmlToPlain(alertText(started(pinned), context, catalogueFor(language))),
    );

    expect(en).toContain('static IP 203.0.113.5 kept');
    expect(en).not.toContain('new public IPv4 address');
    expect(zh).toContain('静态 IP 203.0.113.5，地址不变');
    expect(zh).not.toContain('新的公有 IPv4 地址');
  });

  it('reads the static IP from GetInstances: isStaticIp with its publicIpAddress', () => {
    const raw = { name: 'site', state: { name: 'stopped' }, publicIpAddress: '203.0.113.5' };

    expect(toInstance({ ...raw, isStaticIp: true }, 'ap-east-1').staticIp).toBe('203.0.113.5');
    expect(toInstance({ ...raw, isStaticIp: false }, 'ap-east-1').staticIp).toBeUndefined();
  });
});
