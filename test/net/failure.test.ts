import { describe, expect, it } from 'vitest';
import { classifyAnswer, classifyFetchFailure, type FailureContext } from '../../src/net/failure.js';

/** What undici throws: `fetch failed`, with the system's error and its code as the cause. */
const fetchFailed = (message: string, code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

const FEISHU: FailureContext = {
  url: 'https://open.feishu.cn/open-apis/bot/v2/hook/k3y-not-real-0123456789',
  variable: 'FEISHU_WEBHOOK_URL',
  env: { FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/k3y-not-real-0123456789' },
};

describe('classifyFetchFailure', () => {
  it('retries a DNS lookup that failed for now (EAI_AGAIN), unlike a name that does not exist', () => {
    const failure = classifyFetchFailure(
      fetchFailed('getaddrinfo EAI_AGAIN open.feishu.cn', 'EAI_AGAIN'),
      FEISHU,
    );

    expect(failure).toMatchObject({ kind: 'dns-temporary', retry: true });
    expect(failure.cause).toBe('the DNS lookup failed for now: getaddrinfo EAI_AGAIN open.feishu.cn');
  });

  it('does not retry a certificate for another name, and says to check the host name', () => {
    const error = fetchFailed(
      "Hostname/IP does not match certificate's altnames",
      'ERR_TLS_CERT_ALTNAME_INVALID',
    );

    const failure = classifyFetchFailure(error, FEISHU);

    expect(failure).toMatchObject({ kind: 'tls', retry: false });
    expect(failure.cure).toBe(
      'The certificate of open.feishu.cn is for another name: check the host name in FEISHU_WEBHOOK_URL (open.feishu.cn).',
    );
  });

  it('says a server does not speak HTTPS when the handshake is not TLS at all', () => {
    const error = fetchFailed('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER');

    const failure = classifyFetchFailure(error, FEISHU);

    expect(failure).toMatchObject({ kind: 'tls', retry: false });
    expect(failure.cure).toContain('does not speak HTTPS there: check the scheme and port');
  });

  it('reads a connect timeout as a timeout, retried', () => {
    const failure = classifyFetchFailure(
      fetchFailed('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'),
      FEISHU,
    );

    expect(failure).toMatchObject({ kind: 'timeout', retry: true });
    expect(failure.cause).toBe('no answer in time: Connect Timeout Error (UND_ERR_CONNECT_TIMEOUT)');
  });

  it('names the proxy, never its password, when requests go through one that refuses', () => {
    const env = { ...FEISHU.env, HTTPS_PROXY: 'http://me:pa55word@proxy.test:3128', NODE_USE_ENV_PROXY: '1' };

    const failure = classifyFetchFailure(fetchFailed('connect ECONNREFUSED 10.0.0.1:3128', 'ECONNREFUSED'), {
      ...FEISHU,
      env,
    });

    expect(failure.cause).toBe(
      'connection refused (through the proxy in HTTPS_PROXY): connect ECONNREFUSED 10.0.0.1:3128',
    );
    expect(failure.cure).toBe(
      'Nothing accepts connections there: check the host and port in HTTPS_PROXY, and any firewall in between.',
    );
    expect(JSON.stringify(failure)).not.toContain('pa55word');
  });

  it('says the default host is used when the setting is not set', () => {
    const failure = classifyFetchFailure(fetchFailed('connect ECONNREFUSED 1.2.3.4:443', 'ECONNREFUSED'), {
      url: 'https://api.telegram.org',
      variable: 'TELEGRAM_API_ROOT',
      env: {},
    });

    expect(failure.cure).toContain(
      'check the host and port in api.telegram.org (the default; TELEGRAM_API_ROOT changes it)',
    );
  });

  it('never shows the path or query of the URL, where keys live', () => {
    const failure = classifyFetchFailure(
      fetchFailed('getaddrinfo ENOTFOUND open.feishu.cn', 'ENOTFOUND'),
      FEISHU,
    );

    expect(JSON.stringify(failure)).not.toContain('k3y-not-real');
  });
});

describe('classifyAnswer', () => {
  const page = { status: 200, headers: new Headers({ 'content-type': 'text/html' }), body: '<p>Log in</p>' };

  it('reads a 407 as a proxy asking for credentials, not retried', () => {
    const failure = classifyAnswer({ status: 407, body: '' }, 'Feishu', FEISHU);

    expect(failure).toMatchObject({ kind: 'proxy', retry: false });
    expect(failure?.cure).toContain("Put the proxy's user and password in HTTPS_PROXY");
  });

  it('reads a 2xx web page as a captive portal or proxy answering in the service’s place', () => {
    const failure = classifyAnswer(page, 'Feishu', FEISHU);

    expect(failure?.cause).toBe(
      'a web page answered in place of Feishu (HTTP 200, HTML from open.feishu.cn)',
    );
    expect(failure?.retry).toBe(false);
  });

  it('leaves a web page to a channel whose receiver may send one, and a 5xx page to the channel', () => {
    expect(classifyAnswer(page, 'Webhook', { ...FEISHU, webPagesExpected: true })).toBeUndefined();
    expect(classifyAnswer({ ...page, status: 502 }, 'Feishu', FEISHU)).toBeUndefined();
    expect(classifyAnswer({ status: 200, body: '{"code":0}' }, 'Feishu', FEISHU)).toBeUndefined();
  });
});
