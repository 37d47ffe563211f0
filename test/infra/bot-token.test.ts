import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotTokenParameterError, readBotTokenParameter } from '../../src/ssm/bot-token.js';
import { type FakeSsm, startFakeSsm } from '../support/fake-ssm.js';

const TOKEN = '123456789:AAH-fake-token-for-tests_only';

let ssm: FakeSsm;
let client: SSMClient;

beforeAll(async () => {
  ssm = await startFakeSsm({
    '/lightsail-guard/telegram-bot-token': `${TOKEN}\n`,
    '/lightsail-guard/empty': '  ',
  });
  client = new SSMClient({
    region: 'us-east-1',
    endpoint: ssm.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await ssm.close();
});

describe('readBotTokenParameter', () => {
  it('asks SSM for the named parameter with decryption and returns the trimmed token', async () => {
    ssm.received.length = 0;

    const token = await readBotTokenParameter(client, '/lightsail-guard/telegram-bot-token');

    expect(token).toBe(TOKEN);
    expect(ssm.received).toEqual([
      {
        target: 'AmazonSSM.GetParameter',
        body: { Name: '/lightsail-guard/telegram-bot-token', WithDecryption: true },
      },
    ]);
  });

  it('names a missing parameter and says how to create it', async () => {
    const reading = readBotTokenParameter(client, '/lightsail-guard/missing');

    await expect(reading).rejects.toThrow(BotTokenParameterError);
    await expect(reading).rejects.toThrow(/\/lightsail-guard\/missing does not exist.*put-parameter/);
  });

  it('names the permission when access is denied', async () => {
    const reading = readBotTokenParameter(client, '/lightsail-guard/forbidden');

    await expect(reading).rejects.toThrow(
      /not allowed to read SSM parameter \/lightsail-guard\/forbidden.*ssm:GetParameter/,
    );
  });

  it('refuses an empty value without echoing it', async () => {
    const error = await readBotTokenParameter(client, '/lightsail-guard/empty').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BotTokenParameterError);
    expect((error as Error).message).toBe('SSM parameter /lightsail-guard/empty holds no bot token');
  });
});
