import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUARD_SETTINGS } from '../infra/settings.js';
import { ENV } from '../src/constants.js';

const configuration = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
const tableRows = configuration.split('\n').filter((line) => line.startsWith('| `'));

describe('the configuration docs', () => {
  it('has a row in the configuration table for every environment variable the guard reads', () => {
    for (const name of Object.values(ENV)) {
      expect(
        tableRows.some((row) => row.startsWith(`| \`${name}\``)),
        name,
      ).toBe(true);
    }
  });

  it('has a row in the deploy settings table for every guard setting the stack passes on', () => {
    for (const key of Object.keys(GUARD_SETTINGS)) {
      expect(
        tableRows.some((row) => row.startsWith(`| \`${key}\``)),
        key,
      ).toBe(true);
    }
  });
});
