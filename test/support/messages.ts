import type { OutgoingMessage } from '../../src/core/ports.js';

/** A message as the engine composes it: one stop alert for `web_1`. */
export function aMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    type: 'alerts',
    language: 'en',
    subject: 'lightsail-guard: web_1 stopped (97.0%)',
    html: '🛑 <b>Stopped</b> <code>web_1</code> in eu-west-2: 97.00 of 100.00 GB used (97.0%), threshold 95%.',
    text: '🛑 Stopped web_1 in eu-west-2: 97.00 of 100.00 GB used (97.0%), threshold 95%.',
    sms: 'lightsail-guard: STOPPED web_1 (eu-west-2) at 97.0% of its allowance',
    events: [
      {
        kind: 'stop',
        outcome: 'stopped',
        instance: 'web_1',
        region: 'eu-west-2',
        state: 'running',
        usedBytes: 97e9,
        allowanceBytes: 100e9,
        percent: 97,
        thresholdPercent: 95,
        billingMonth: '2026-11',
        text: '🛑 Stopped web_1 in eu-west-2: 97.00 of 100.00 GB used (97.0%), threshold 95%.',
      },
    ],
    ...overrides,
  };
}
