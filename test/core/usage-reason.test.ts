import { describe, expect, it } from 'vitest';
import type { MetricRead } from '../../src/core/types.js';
import { interpretUsage } from '../../src/core/usage.js';
import { anInstance, at, aWindow } from '../support/builders.js';

const NONE: MetricRead = { kind: 'datapoints', points: [] };

describe('interpretUsage: the reason a silent instance is unknown', () => {
  it('says for how many hours a running instance was observed without a datapoint', () => {
    const window = aWindow('2026-11-01T00:00:00.000Z', '2026-11-20T10:00:00.000Z');
    const instance = anInstance({ createdAt: at('2026-11-20T07:30:00.000Z') });

    const usage = interpretUsage({ instance, window, inbound: NONE, outbound: NONE });

    expect(usage).toEqual({
      kind: 'unknown',
      reason: 'NetworkIn and NetworkOut: no datapoints for a running instance observed for 2.5 h',
    });
  });
});
