/**
 * Why a request over the network failed, in words a person can act on: the cause, the cure (the
 * setting to check), and whether trying again within the same run can help. One classification
 * for every HTTP channel's delivery loop and for `find-chat-id`, so that a DNS failure, a refused
 * connection or a captive portal reads the same wherever it happens. Pure: it reads the error that
 * `fetch` threw (undici puts the system's code on the `cause` chain) or the answer it got, and the
 * environment it is handed; it never prints a URL's path or query, where tokens and keys live.
 */

/** What went wrong, by what a person would do about it. */
export type FailureKind =
  | 'dns'
  | 'dns-temporary'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'timeout'
  | 'proxy'
  | 'network';

/** A classified failure: `cause` and `cure` are sentences without a secret; `retry` says if a retry may help. */
export interface NetworkFailure {
  readonly kind: FailureKind;
  /** What happened, e.g. `connection refused: connect ECONNREFUSED 127.0.0.1:9`. */
  readonly cause: string;
  /** What to check, naming the setting, e.g. `Check the host and port in TELEGRAM_API_ROOT, ...`. */
  readonly cure: string;
  /** `false` when the failure cannot heal within a run: a name that does not exist, a refused certificate. */
  readonly retry: boolean;
}

/** Where a request went and what says so, for the cure. */
export interface Reach {
  /** The setting that says where requests go: `TELEGRAM_API_ROOT`, `FEISHU_WEBHOOK_URL`, ... */
  readonly variable?: string;
  /**
   * The environment of the process, for the proxy settings (`HTTPS_PROXY`, `NODE_USE_ENV_PROXY`)
   * and whether `variable` is set; without it, neither is mentioned.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Whether a web page may be the service's own answer (a generic webhook's receiver may send one);
   * otherwise a 2xx web page is a captive portal or a proxy answering in the service's place.
   */
  readonly webPagesExpected?: boolean;
}

/** What is known of the request: its URL (only its host is ever shown) and its time limit. */
export interface FailureContext extends Reach {
  readonly url: string;
  readonly timeoutMs?: number;
}

const DNS_GONE = ['ENOTFOUND'];
const DNS_TEMPORARY = ['EAI_AGAIN', 'EAI_FAIL'];
const REFUSED = ['ECONNREFUSED'];
const RESET = ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_CLOSED'];
const TIMEOUT = ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'];
/** TLS codes of OpenSSL and Node: certificate checks, and a handshake that is not TLS at all. */
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH)/;
const KNOWN_CODE =
  /\b(ENOTFOUND|EAI_AGAIN|EAI_FAIL|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)\b/;

/** The errors of a `cause` chain, outermost first (at most a few: undici nests two or three). */
function chain(error: unknown): Error[] {
  const errors: Error[] = [];
  for (let current = error; current instanceof Error && errors.length < 6; current = current.cause) {
    errors.push(current);
  }
  return errors;
}

/** The innermost useful detail of a failure, e.g. `connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)`. */
export function innermostDetail(error: unknown): string {
  const errors = chain(error);
  const innermost = errors.at(-1);
  if (innermost === undefined) return String(error);
  const code = (innermost as { code?: unknown }).code;
  return typeof code === 'string' && !innermost.message.includes(code)
    ? `${innermost.message} (${code})`
    : innermost.message;
}

/** The first string code on the chain, else one named in a message. */
function codeOf(errors: readonly Error[]): string | undefined {
  for (const error of errors) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  for (const error of errors) {
    const named = KNOWN_CODE.exec(error.message)?.[1];
    if (named !== undefined) return named;
  }
  return undefined;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
};

const hostnameOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '(not a URL)';
  }
};

/** The proxy variable that would apply to `url`, and its host (never its user or password). */
function proxyFor(url: string, env: Reach['env']): { name: string; host: string; used: boolean } | undefined {
  if (env === undefined) return undefined;
  const https = url.startsWith('https:');
  const names = https
    ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
    : ['HTTP_PROXY', 'http_proxy'];
  const name = names.find((candidate) => (env[candidate] ?? '') !== '');
  if (name === undefined) return undefined;
  // Node's fetch reads the proxy variables only when NODE_USE_ENV_PROXY=1 (Node 22.21 and 24.5 on).
  return { name, host: hostOf(env[name] ?? ''), used: env.NODE_USE_ENV_PROXY === '1' };
}

/** A sentence on the proxy settings, for the cures where a proxy may be the reason. */
function proxyNote(context: FailureContext): string {
  const proxy = proxyFor(context.url, context.env);
  if (proxy === undefined) {
    return context.env === undefined
      ? ''
      : ' If this network reaches the internet through a proxy, set HTTPS_PROXY and NODE_USE_ENV_PROXY=1.';
  }
  return proxy.used
    ? ` ${proxy.name} is set: requests go through the proxy at ${proxy.host}; check it works.`
    : ` ${proxy.name} is set, but Node's fetch ignores it unless NODE_USE_ENV_PROXY=1 is set too.`;
}

/** The setting to check, as a phrase: `TELEGRAM_API_ROOT (api.example.com)`, or the default host. */
function where(context: FailureContext): string {
  const host = hostOf(context.url);
  const { variable, env } = context;
  if (variable === undefined) return `the URL (${host})`;
  if (env !== undefined && (env[variable] ?? '') === '')
    return `${host} (the default; ${variable} changes it)`;
  return `${variable} (${host})`;
}

/**
 * What a failed `fetch` means: classified by the system or undici code on the error's `cause`
 * chain (or named in its messages), or by its name for a timeout or an abort. Never throws.
 */
export function classifyFetchFailure(error: unknown, context: FailureContext): NetworkFailure {
  const errors = chain(error);
  const detail = innermostDetail(error);
  const code = codeOf(errors);
  const name = errors.map((one) => one.name).find((one) => one === 'TimeoutError' || one === 'AbortError');
  const host = hostOf(context.url);
  const proxy = proxyFor(context.url, context.env);
  const through = proxy?.used ? ` (through the proxy in ${proxy.name})` : '';

  if (code !== undefined && DNS_GONE.includes(code)) {
    const hostname = hostnameOf(context.url);
    return {
      kind: 'dns',
      cause: `the host name does not resolve: ${detail}`,
      cure:
        `Check the host name in ${where(context)} for a typo, and that this machine resolves names ` +
        `(nslookup ${hostname}).` +
        proxyNote(context),
      retry: false,
    };
  }
  if (code !== undefined && DNS_TEMPORARY.includes(code)) {
    return {
      kind: 'dns-temporary',
      cause: `the DNS lookup failed for now: ${detail}`,
      cure: `Check this machine's network connection and DNS server, then try again.${proxyNote(context)}`,
      retry: true,
    };
  }
  if (code !== undefined && REFUSED.includes(code)) {
    return {
      kind: 'refused',
      cause: `connection refused${through}: ${detail}`,
      cure:
        `Nothing accepts connections there: check the host and port in ${proxy?.used ? proxy.name : where(context)}, ` +
        `and any firewall in between.${proxy?.used ? '' : proxyNote(context)}`,
      retry: true,
    };
  }
  if (code !== undefined && RESET.includes(code)) {
    return {
      kind: 'reset',
      cause: `connection cut${through}: ${detail}`,
      cure:
        `The connection to ${host} was closed before an answer: often a firewall, VPN or proxy that ` +
        `drops it, or the server restarting.${proxyNote(context)}`,
      retry: true,
    };
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    const mismatch = code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH';
    const notTls = code.startsWith('ERR_SSL_');
    return {
      kind: 'tls',
      cause: `${notTls ? 'no TLS connection' : 'certificate not accepted'}: ${detail}`,
      cure: mismatch
        ? `The certificate of ${host} is for another name: check the host name in ${where(context)}.`
        : notTls
          ? `${host} does not speak HTTPS there: check the scheme and port in ${where(context)}.`
          : `The certificate of ${host} is not one Node trusts: a proxy or firewall that inspects HTTPS ` +
            `may be in the way (give Node its CA: NODE_EXTRA_CA_CERTS=/path/to/ca.pem), or check ${where(context)}.` +
            proxyNote(context),
      retry: false,
    };
  }
  if (name !== undefined || (code !== undefined && TIMEOUT.includes(code))) {
    return {
      kind: 'timeout',
      cause:
        name !== undefined && context.timeoutMs !== undefined
          ? `no answer within ${context.timeoutMs} ms`
          : `no answer in time: ${detail}`,
      cure:
        `${host} did not answer in time: check the network and any firewall that may drop traffic ` +
        `to it, and ${where(context)}.${proxyNote(context)}`,
      retry: true,
    };
  }
  return {
    kind: 'network',
    cause: `network error: ${detail}`,
    cure: `Check the network, and ${where(context)}.${proxyNote(context)}`,
    retry: true,
  };
}

/** An answer as far as telling whether it is the service's: its status, headers and start of the body. */
export interface AnswerShape {
  readonly status: number;
  readonly headers?: { get(name: string): string | null };
  readonly body: string;
}

/** Whether an answer is a web page: HTML by its content type or by its first characters. */
function isWebPage(answer: AnswerShape): boolean {
  const type = answer.headers?.get('content-type') ?? '';
  return /text\/html/i.test(type) || /^\s*<(!doctype\s+html|html)\b/i.test(answer.body);
}

/**
 * An answer that is not the service's: a proxy asking for credentials (407), or a web page where
 * the service answers in JSON or plain text (a captive portal's login page, a proxy's block page).
 * `undefined` when the answer may be the service's, to be judged by the channel. `service` is the
 * name a person reads (`Telegram`).
 */
export function classifyAnswer(
  answer: AnswerShape,
  service: string,
  context: FailureContext,
): NetworkFailure | undefined {
  const host = hostOf(context.url);
  if (answer.status === 407) {
    const proxy = proxyFor(context.url, context.env);
    return {
      kind: 'proxy',
      cause: `a proxy asked for credentials (HTTP 407 Proxy Authentication Required)`,
      cure:
        `Put the proxy's user and password in ${proxy?.name ?? 'HTTPS_PROXY'} ` +
        '(http://user:password@proxy:port), or ask whoever runs the network.',
      retry: false,
    };
  }
  if (context.webPagesExpected === true || answer.status < 200 || answer.status >= 300) return undefined;
  if (!isWebPage(answer)) return undefined;
  return {
    kind: 'proxy',
    cause: `a web page answered in place of ${service} (HTTP ${answer.status}, HTML from ${host})`,
    cure:
      'A captive portal (hotel, airport or office Wi-Fi) or a proxy is answering: open any web page ' +
      `in a browser to log in to the network, or check ${where(context)}.${proxyNote(context)}`,
    retry: false,
  };
}
