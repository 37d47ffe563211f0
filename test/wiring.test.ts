import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_HOME_REGION, homeRegion } from '../src/wiring.js';

const SAVED = { ...process.env };

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in SAVED)) delete process.env[key];
  Object.assign(process.env, SAVED);
});

function withoutAwsRegion(): void {
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = '/nonexistent/lightsail-guard-test/config';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/lightsail-guard-test/credentials';
}

describe('homeRegion, the one rule both entry points use for GetRegions', () => {
  it('asks the first region of REGIONS when it is set', async () => {
    process.env.AWS_REGION = 'eu-west-2';

    expect(await homeRegion({ regions: ['ap-south-1', 'us-east-1'] })).toBe('ap-south-1');
  });

  it('asks the region the AWS SDK resolves, as AWS_REGION in Lambda', async () => {
    withoutAwsRegion();
    process.env.AWS_REGION = 'ap-northeast-1';

    expect(await homeRegion({ regions: undefined })).toBe('ap-northeast-1');
  });

  it('asks the region the AWS settings give over the one the environment names, as a built handler does', async () => {
    process.env.AWS_REGION = 'eu-west-2';

    expect(await homeRegion({ regions: undefined }, { region: 'ap-south-1' })).toBe('ap-south-1');
  });

  it('falls back to us-east-1 when nothing names a region', async () => {
    withoutAwsRegion();

    expect(await homeRegion({ regions: undefined })).toBe(FALLBACK_HOME_REGION);
    expect(FALLBACK_HOME_REGION).toBe('us-east-1');
  });
});
