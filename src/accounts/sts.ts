/**
 * The two STS calls the guard makes, `AssumeRole` and `GetCallerIdentity`, in the Query protocol
 * (`POST /`, form-encoded `Action=...&Version=2011-06-15`, XML answers), signed with the AWS SDK's
 * own SigV4 signer. The SDK's STS client is not a dependency of the guard (the one inside the SDK is
 * internal and says not to be used), and two calls do not need a client; the endpoint follows the
 * SDK's rules (`stsEndpoint`), so `AWS_ENDPOINT_URL_STS` points them at a local fake.
 */

import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { ROLE_SESSION_NAME } from '../constants.js';
import type { Environment } from '../env.js';

/** Credentials as the SDK's providers give them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Temporary credentials of an assumed role: they always expire. */
export interface RoleCredentials extends Credentials {
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** Where and as whom STS is called. */
export interface StsSettings {
  /** `https://sts.<region>.amazonaws.com`, or what `AWS_ENDPOINT_URL_STS` says (`stsEndpoint`). */
  readonly endpoint: string;
  /** The signing region: the guard's home region. */
  readonly region: string;
  /** The guard's own credentials (the SDK's default chain), which sign both calls. */
  readonly credentials: () => Promise<Credentials>;
  readonly fetch?: typeof fetch;
}

/** STS answered with an error (`AccessDenied`, ...): the call reached it and was refused. */
export class StsError extends Error {
  override readonly name = 'StsError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
  }
}

const API_VERSION = '2011-06-15';

/** An hour, STS's default: a scheduled run reuses the credentials for the next five. */
export const ROLE_DURATION_SECONDS = 3600;

/**
 * The STS endpoint by the SDK's rules: `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, unless
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true; else the regional endpoint, which SDK v3 uses by
 * default. (The `services` section of `~/.aws/config` is not read: set the variable instead.)
 */
export function stsEndpoint(env: Environment, region: string): string {
  const ignore = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '');
  const configured = ignore ? undefined : (env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL);
  if (configured !== undefined && configured.trim() !== '') return configured.trim();
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/** SHA-256 (and HMAC-SHA-256 with a secret) as the SDK's signer takes it, over `node:crypto`. */
class Sha256 {
  private hash;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh() {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    if (typeof data === 'string') this.hash.update(data, 'utf8');
    else if (ArrayBuffer.isView(data))
      this.hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else this.hash.update(new Uint8Array(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

const UNESCAPE: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<name>` element, unescaped; `undefined` when there is none. */
function element(xml: string, name: string): string | undefined {
  const found = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return found?.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => UNESCAPE[entity] ?? '');
}

/** One signed Query call; the answer's XML, or an `StsError` with STS's code and message. */
async function call(
  sts: StsSettings,
  params: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<string> {
  const url = new URL(sts.endpoint);
  const body = new URLSearchParams({ ...params, Version: API_VERSION }).toString();
  const signer = new SignatureV4({
    service: 'sts',
    region: sts.region,
    credentials: sts.credentials,
    sha256: Sha256,
  });
  const path = url.pathname === '' ? '/' : url.pathname;
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port !== '' ? { port: Number(url.port) } : {}),
    path,
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'),
  );
  const response = await (sts.fetch ?? fetch)(new URL(path, url), {
    method: 'POST',
    headers,
    body,
    ...(signal ? { signal } : {}),
  });
  const xml = await response.text();
  if (!response.ok) {
    throw new StsError(
      element(xml, 'Code') ?? `HTTP ${response.status}`,
      element(xml, 'Message') ?? 'no message',
      response.status,
    );
  }
  return xml;
}

/**
 * Assumes `roleArn` as session `lightsail-guard`, with `externalId` when the role requires one.
 * Throws `StsError` when STS refuses (a role that does not trust the guard, a wrong external id).
 */
export async function assumeRole(
  sts: StsSettings,
  role: { readonly roleArn: string; readonly externalId?: string | undefined },
  signal?: AbortSignal,
): Promise<RoleCredentials> {
  const xml = await call(
    sts,
    {
      Action: 'AssumeRole',
      RoleArn: role.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      DurationSeconds: String(ROLE_DURATION_SECONDS),
      ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
    },
    signal,
  );
  const accessKeyId = element(xml, 'AccessKeyId');
  const secretAccessKey = element(xml, 'SecretAccessKey');
  const sessionToken = element(xml, 'SessionToken');
  const expiration = new Date(element(xml, 'Expiration') ?? '');
  if (!accessKeyId || !secretAccessKey || !sessionToken || Number.isNaN(expiration.getTime())) {
    throw new StsError('MalformedAnswer', 'AssumeRole answered without credentials', 200);
  }
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/** The 12-digit id of the account whose credentials sign the call (`GetCallerIdentity`). */
export async function callerAccount(sts: StsSettings, signal?: AbortSignal): Promise<string> {
  const xml = await call(sts, { Action: 'GetCallerIdentity' }, signal);
  const account = element(xml, 'Account');
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw new StsError('MalformedAnswer', 'GetCallerIdentity answered without an account', 200);
  }
  return account;
}
