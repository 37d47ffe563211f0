import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_MAJOR, nodeTooOld } from '../src/node-version.js';

describe('the Node.js version check', () => {
  it('names the Node.js it needs and the one it found, for Node 20', () => {
    expect(nodeTooOld('20.20.2')).toBe('lightsail-guard needs Node.js 22 or newer; this is 20.20.2.');
  });

  it('refuses every major below 22, and reads a version written with its "v"', () => {
    expect(nodeTooOld('18.19.1')).toBe('lightsail-guard needs Node.js 22 or newer; this is 18.19.1.');
    expect(nodeTooOld('21.7.3')).toBe('lightsail-guard needs Node.js 22 or newer; this is 21.7.3.');
    expect(nodeTooOld('v20.1.0')).toBe('lightsail-guard needs Node.js 22 or newer; this is 20.1.0.');
  });

  it('lets Node 22.0.0 and anything newer run', () => {
    for (const version of ['22.0.0', '22.23.3', '23.11.1', '24.4.0', '100.0.0']) {
      expect(nodeTooOld(version)).toBeUndefined();
    }
  });

  it('asks for the same Node.js as package.json’s engines', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
    };

    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE_MAJOR}`);
    expect(MINIMUM_NODE_MAJOR).toBe(22);
  });
});
