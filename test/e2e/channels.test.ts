import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSns, startFakeSns } from '../../sim/sns/index.js';
import type { AwsSettings } from '../../src/aws-settings.js';
import { TAGS } from '../../src/constants.js';
import type { Handler } from '../../src/lambda.js';
import { startFakeSsm } from '../support/fake-ssm.js';
import {
  type LocalServer,
  type ReceivedRequest,
  type Reply,
  startLocalServer,
} from '../support/http-server.js';
import { instanceAt, lambdaIn, runInProcess, startWorld, type World } from './harness.js';

const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts';

/** Telegram switched off: blank variables are unset. */
const NO_TELEGRAM = { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' };

/**
 * Runs a new Lambda handler once, with `env` over the world's settings and no Telegram, its SSM or
 * SNS client at `endpoints`, and gives back its result or what it threw.
 */
function invokeLambda(
  world: World,
  env: Record<string, string>,
  endpoints: NonNullable<AwsSettings['endpoints']>,
): Promise<{ result?: Awaited<ReturnType<Handler>>; error?: Error }> {
  const { handler } = lambdaIn(world, { env: { ...NO_TELEGRAM, ...env }, endpoints });
  return handler({}).then(
    (result) => ({ result }),
    (error: unknown) => ({ error: error as Error }),
  );
}

describe('check with channels other than Telegram', () => {
  let world: World;
  let hook: LocalServer;
  let sns: FakeSns | undefined;
  afterEach(async () => {
    await Promise.all([world.close(), hook.close(), sns?.close()]);
    sns = undefined;
  });

  it('needs no Telegram settings when a webhook is set, and alerts through it', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    hook = await startLocalServer({ status: 200 });

    const run = await runInProcess(world, ['check'], { ...NO_TELEGRAM, WEBHOOK_URL: `${hook.root}/hook` });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Webhook: 1 message sent.');
    expect(world.telegram.messages).toEqual([]);
    const body = JSON.parse(hook.received[0]?.body ?? '{}');
    expect(body.events[0]).toMatchObject({ kind: 'stop', outcome: 'stopped', instance: 'web_1' });
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('stopped');
  });

  it('alerts a webhook that was down at the next check, and Telegram only once', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.85)]);
    hook = await startLocalServer({ status: 200 });
    hook.replies.push({ status: 404, body: 'no such hook' });
    const env = { WEBHOOK_URL: `${hook.root}/hook` };

    const down = await runInProcess(world, ['check'], env);
    const up = await runInProcess(world, ['check'], env);
    const after = await runInProcess(world, ['check'], env);

    expect(down.code).toBe(1);
    expect(down.stdout).toContain('Telegram: 1 message sent.');
    expect(down.stdout).toContain('Webhook: 0 messages sent, 1 FAILED.');
    expect(down.stdout).toContain(
      'Webhook: alert message 1 of 1 not delivered: ChannelRefusedError: Webhook refused the message: HTTP 404',
    );
    expect(up.code).toBe(0);
    expect(after.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    expect(hook.received).toHaveLength(2);
    expect(JSON.parse(hook.received[1]?.body ?? '{}').events[0]).toMatchObject({ kind: 'warn', level: 80 });
    expect(world.lightsail.instance('us-east-1', 'web_1')?.tags).toMatchObject({
      [TAGS.alerted]: expect.stringMatching(/^\d{4}-\d{2}:80$/),
      [TAGS.sentTo]: '',
    });
  });

  it('emails through Amazon SNS, the SDK pointed at the fake by AWS_ENDPOINT_URL_SNS, with no Telegram', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    sns = await startFakeSns({ topics: [TOPIC] });

    const run = await runInProcess(world, ['check'], {
      ...NO_TELEGRAM,
      SNS_TOPIC_ARN: TOPIC,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Amazon SNS: 1 message sent.');
    expect(sns.published).toHaveLength(1);
    expect(sns.published[0]?.subject).toBe('lightsail-guard: web_1 stopped (97.0%)');
    expect(sns.published[0]?.texts.default).toMatch(
      /^🛑 Stopped web_1 in eu-west-2: 993\.28 of 1024\.00 GB used/,
    );
  });

  it('texts a phone subscribed to the topic one short summary of three stops, in the channel’s language, while email gets them in full', async () => {
    world = await startWorld([
      instanceAt('web_1', 'eu-west-2', 0.97),
      instanceAt('web_2', 'eu-west-2', 0.98),
      instanceAt('db_1', 'us-east-1', 0.99),
    ]);
    hook = await startLocalServer();
    sns = await startFakeSns({
      topics: [TOPIC],
      subscriptions: [
        { protocol: 'email', endpoint: 'ops@example.com' },
        { protocol: 'sms', endpoint: '+8613800138000', filterPolicy: { type: ['alerts', 'test'] } },
      ],
    });

    const run = await runInProcess(world, ['check'], {
      ...NO_TELEGRAM,
      SNS_TOPIC_ARN: TOPIC,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      ALERT_LANGUAGE: 'zh-CN',
    });

    expect(run.code).toBe(0);
    const [email, sms, ...rest] = sns.received;
    expect(rest).toEqual([]);
    expect(email?.text).toContain('停止调用成功');
    expect(sms?.text).toMatch(
      /^lightsail-guard 共 3 条提醒：已停止 \w+（[a-z0-9-]+），已用配额的 9\d\.\d%；/,
    );
    expect(sms?.text).not.toContain('停止调用成功');
    expect(sms?.segments).toBeLessThanOrEqual(2);
  });

  it('runs the Lambda handler with SNS as its only channel, reading no bot token', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    sns = await startFakeSns({ topics: [TOPIC] });

    const { result } = await invokeLambda(
      world,
      { SNS_TOPIC_ARN: TOPIC, TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/telegram-bot-token' },
      { sns: sns.endpoint },
    );

    expect(result?.exitCode).toBe(0);
    expect(sns.published).toHaveLength(1);
  });

  it('runs the Lambda handler with the webhook URL read from the SSM parameter CHANNEL_SECRETS_PARAMETER names', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    const ssm = await startFakeSsm({
      '/lightsail-guard/channels': `# alerts to our own endpoint\nWEBHOOK_URL=${hook.root}/hook\nWEBHOOK_SECRET=fake-signing-secret\n`,
    });

    const { result } = await invokeLambda(
      world,
      {
        CHANNEL_SECRETS_PARAMETER: '/lightsail-guard/channels',
        TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/telegram-bot-token',
      },
      { ssm: ssm.endpoint },
    ).finally(() => ssm.close());

    expect(result?.exitCode).toBe(0);
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.headers['x-lightsail-guard-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(ssm.received.map((request) => request.body.Name)).toEqual(['/lightsail-guard/channels']);
  });

  it('fails the Lambda invocation on a malformed channel parameter, naming the line and never a value', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    const ssm = await startFakeSsm({
      '/lightsail-guard/channels': 'WEBHOOK_URL=https://hooks.example/fake\nTELEGRAM_BOT_TOKEN=42:fake',
    });

    const { error } = await invokeLambda(
      world,
      { CHANNEL_SECRETS_PARAMETER: '/lightsail-guard/channels' },
      { ssm: ssm.endpoint },
    ).finally(() => ssm.close());

    expect(error?.message).toMatch(/line 2: "TELEGRAM_BOT_TOKEN" is not a secret channel setting/);
    expect(error?.message).not.toContain('42:fake');
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('running');
  });

  it('alerts every push service once, and one that kept throttling all run at the next check only', async () => {
    world = await startWorld([instanceAt('web_1', 'ap-south-1', 0.85)]);
    let wecomDown = true;
    hook = await startLocalServer((request) => {
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith('/wecom')) {
        return wecomDown
          ? { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' }
          : { status: 200, body: '{"errcode":0}' };
      }
      if (path.startsWith('/dingtalk')) return { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      if (path.startsWith('/bark')) return { status: 200, body: '{"code":200,"message":"success"}' };
      if (path.startsWith('/serverchan')) return { status: 200, body: '{"code":0,"message":""}' };
      return { status: 200, body: '{"code":0,"msg":"success"}' };
    });
    const env = {
      ...NO_TELEGRAM,
      FEISHU_WEBHOOK_URL: `${hook.root}/feishu/hook/fake-feishu-token`,
      FEISHU_SECRET: 'fake-feishu-secret',
      DINGTALK_WEBHOOK_URL: `${hook.root}/dingtalk/robot/send?access_token=fake-dingtalk-token`,
      DINGTALK_SECRET: 'SECfakedingtalksecret',
      WECOM_WEBHOOK_URL: `${hook.root}/wecom/cgi-bin/webhook/send?key=fake-wecom-key`,
      BARK_URL: `${hook.root}/bark/FakeBarkDeviceKey`,
      SERVERCHAN_SENDKEY: 'SCT000000TfakeSendKeyNotReal0000',
      SERVERCHAN_API_ROOT: `${hook.root}/serverchan`,
    };
    const requestsTo = (service: string) =>
      hook.received.filter((request) => request.url.split('/')[1] === service).length;

    // 45009 is retried until the sends' deadline: a short run keeps the test short.
    const first = await runInProcess(world, ['check', '--timeout=8'], env);
    wecomDown = false;
    const second = await runInProcess(world, ['check'], env);
    const wecomAfterSecond = requestsTo('wecom');
    const third = await runInProcess(world, ['check'], env);

    expect(first.code).toBe(1);
    expect(first.stdout).toContain('WeCom: alert message 1 of 1 not delivered');
    expect(first.stdout).toContain('errcode 45009 api freq out of limit');
    expect(first.stdout).not.toContain('fake-wecom-key');
    expect(second.code).toBe(0);
    expect(third.code).toBe(0);
    for (const service of ['bark', 'dingtalk', 'feishu', 'serverchan']) expect(requestsTo(service)).toBe(1);
    // Retried in the first run (at least once), delivered in the second, left alone in the third.
    expect(wecomAfterSecond).toBeGreaterThanOrEqual(3);
    expect(requestsTo('wecom')).toBe(wecomAfterSecond);
    expect(JSON.parse(hook.received.at(-1)?.body ?? '{}').text.content).toContain(
      '80% warning web_1 in ap-south-1',
    );
  });

  it('test-alert tries every configured channel, each in its language, and names the one that failed', async () => {
    world = await startWorld([]);
    hook = await startLocalServer({ status: 200, body: '{"errcode":0}' });
    hook.replies.push({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    sns = await startFakeSns({ topics: [TOPIC] });

    const run = await runInProcess(world, ['test-alert'], {
      SNS_TOPIC_ARN: TOPIC,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
      WECOM_WEBHOOK_URL: `${hook.root}/cgi-bin/webhook/send?key=fake-wecom-key-0000`,
      ALERT_LANGUAGE: 'zh-CN,telegram:en',
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Telegram (chat ${world.env.TELEGRAM_CHAT_ID}): arrived.`);
    expect(run.stdout).toContain(`Amazon SNS (topic ${TOPIC}): arrived.`);
    expect(run.stdout).toContain(
      `WeCom (${hook.root}/…): FAILED: ChannelRefusedError: WeCom refused the message: errcode 93000 invalid webhook url`,
    );
    expect(run.stdout).toContain('Not delivered through: WeCom.');
    expect(run.stdout).toContain('Not configured: Webhook (WEBHOOK_URL), Feishu (FEISHU_WEBHOOK_URL)');
    expect(run.stdout).not.toContain('fake-wecom-key');
    expect(world.telegram.messages[0]?.text).toContain('lightsail-guard test alert');
    expect(sns.published[0]).toMatchObject({ subject: 'lightsail-guard：测试提醒' });
    expect(sns.published[0]?.texts.default).toContain(
      '如果你能看到这条消息，守护程序的提醒和每日报告也会发到这里。',
    );
    expect(JSON.parse(hook.received[0]?.body ?? '{}').text.content).toContain('也会发到这个聊天');
  });

  it('asks for a channel, naming them, when none is set, and calls nothing', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    hook = await startLocalServer();

    const run = await runInProcess(world, ['check'], NO_TELEGRAM);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'check sends alerts and needs a channel: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID, SNS_TOPIC_ARN, WEBHOOK_URL, FEISHU_WEBHOOK_URL, DINGTALK_WEBHOOK_URL, WECOM_WEBHOOK_URL, BARK_URL, SERVERCHAN_SENDKEY',
    );
    expect(world.lightsail.stats().calls).toEqual({});
  });
});

/** A channel added through the registry, as a local server plays its service. */
interface Registered {
  readonly label: string;
  /** Its settings, pointing at the local server under `/service`. */
  readonly env: (root: string) => Record<string, string>;
  readonly ok: Reply;
  /** A refusal in the service's own words. */
  readonly refused: Reply;
  /** The text a request carried. */
  readonly text: (request: ReceivedRequest) => string;
}

const REGISTERED: readonly Registered[] = [
  {
    label: 'Discord',
    env: (root) => ({
      DISCORD_WEBHOOK_URL: `${root}/service/api/webhooks/1/fake-discord-token-not-real-0000`,
    }),
    ok: { status: 204 },
    refused: { status: 404, body: '{"message":"Unknown Webhook","code":10015}' },
    text: (request) => JSON.parse(request.body).content,
  },
  {
    label: 'Slack',
    env: (root) => ({ SLACK_WEBHOOK_URL: `${root}/service/services/T0/B0/fakeSlackSecretNotReal0000` }),
    ok: { status: 200, body: 'ok' },
    refused: { status: 404, body: 'channel_not_found' },
    text: (request) => JSON.parse(request.body).text,
  },
  {
    label: 'ntfy',
    env: (root) => ({
      NTFY_URL: `${root}/service/fake-topic-not-real-0000`,
      NTFY_TOKEN: 'tk_fakentfytoken0000',
    }),
    ok: { status: 200, body: '{"id":"1","event":"message"}' },
    refused: { status: 403, body: '{"code":40301,"http":403,"error":"forbidden"}' },
    text: (request) => JSON.parse(request.body).message,
  },
];

describe.each(REGISTERED)('the $label channel, end to end', (channel) => {
  let world: World;
  let server: LocalServer;
  afterEach(async () => {
    await Promise.all([world.close(), server.close()]);
  });

  it('tests it in its own language, and runs the Lambda with its settings from CHANNEL_SECRETS_PARAMETER', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    server = await startLocalServer(channel.ok);
    const settings = channel.env(server.root);
    const ssm = await startFakeSsm({
      '/lightsail-guard/channels': Object.entries(settings)
        .map(([name, value]) => `${name}=${value}`)
        .join('\n'),
    });

    const test = await runInProcess(world, ['test-alert'], {
      ...NO_TELEGRAM,
      ...settings,
      ALERT_LANGUAGE: `en,${channel.label.toLowerCase()}:zh-CN`,
    });
    const { result } = await invokeLambda(
      world,
      {
        CHANNEL_SECRETS_PARAMETER: '/lightsail-guard/channels',
        TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/telegram-bot-token',
      },
      { ssm: ssm.endpoint },
    ).finally(() => ssm.close());

    expect(test.code).toBe(0);
    expect(test.stdout).toContain(`${channel.label} (${server.root}/…): arrived.`);
    expect(test.stdout + test.stderr).not.toContain('fake-');
    expect(server.received[0] && channel.text(server.received[0])).toContain('测试提醒');
    expect(result?.exitCode).toBe(0);
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(server.received).toHaveLength(2);
    expect(server.received[1] && channel.text(server.received[1])).toContain('web');
  });

  it('alerts it at the next check when it refused, and the channel that took the alert never again', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.85)]);
    let refuse = true;
    server = await startLocalServer((request) =>
      request.url.startsWith('/hook') ? { status: 200 } : refuse ? channel.refused : channel.ok,
    );
    const env = { ...NO_TELEGRAM, ...channel.env(server.root), WEBHOOK_URL: `${server.root}/hook` };
    const to = (path: string) => server.received.filter((request) => request.url.startsWith(path));

    const down = await runInProcess(world, ['check'], env);
    const tagsAfterDown = world.lightsail.instance('us-east-1', 'web_1')?.tags;
    refuse = false;
    const up = await runInProcess(world, ['check'], env);
    const after = await runInProcess(world, ['check'], env);

    expect(down.code).toBe(1);
    expect(down.stdout).toContain(
      `${channel.label}: alert message 1 of 1 not delivered: ChannelRefusedError`,
    );
    expect(down.stdout).not.toContain('fake-');
    expect(tagsAfterDown?.[TAGS.sentTo]).toMatch(/^\d{4}-\d{2}\.80=webhook$/);
    expect(up.code).toBe(0);
    expect(after.code).toBe(0);
    expect(to('/hook')).toHaveLength(1);
    expect(to('/service')).toHaveLength(2);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.tags).toMatchObject({ [TAGS.sentTo]: '' });
  });
});
