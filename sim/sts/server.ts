/**
 * A local stand-in for AWS STS's `AssumeRole` and `GetCallerIdentity`, in the Query protocol as
 * clients send it: `POST /` with a form-encoded body (`Action=AssumeRole&Version=2011-06-15&
 * RoleArn=...&RoleSessionName=...&ExternalId=...`), signed with SigV4 for service `sts`, and XML
 * answers (`<AssumeRoleResponse>`, or `<ErrorResponse><Error><Type/><Code/><Message/></Error>`).
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A role the fake lets callers assume, and the credentials it hands out for it. */
export interface FakeRole {
  /** The access key id of the credentials it gives: what the Lightsail simulator tells accounts by. */
  readonly accessKeyId: string;
  /** The external id the role's trust policy requires (`sts:ExternalId`); none when unset. */
  readonly externalId?: string;
  /** Refuse every caller, as a role whose trust policy does not name the guard. */
  readonly refuse?: boolean;
}

export interface FakeStsOptions {
  /** Roles by ARN; assuming any other answers 403 `AccessDenied`, as STS does. */
  readonly roles: Readonly<Record<string, FakeRole>>;
  /** The account of each caller's access key, for `GetCallerIdentity`; default 123456789012. */
  readonly callers?: Readonly<Record<string, string>>;
  /** The clock that expirations are counted from. */
  readonly now?: () => Date;
}

/** One request as the fake read it. */
export interface StsRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  /** The access key id of the SigV4 credential scope that signed it. */
  readonly accessKeyId: string;
  /** The service of the credential scope (`sts`). */
  readonly service: string;
  /** Whether the signing credentials' session token came along (`X-Amz-Security-Token`). */
  readonly sessionToken: boolean;
}

export interface FakeSts {
  /** `http://127.0.0.1:<port>`: `AWS_ENDPOINT_URL_STS`. */
  readonly endpoint: string;
  /** Every request, refused ones included. */
  readonly requests: StsRequest[];
  close(): Promise<void>;
}

const SCOPE =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request, SignedHeaders=[^,\s]+, Signature=[0-9a-f]{64}$/;

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

class StsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function write(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeSts(options: FakeStsOptions): Promise<FakeSts> {
  const now = options.now ?? (() => new Date());
  const requests: StsRequest[] = [];

  const answer = (request: StsRequest): string => {
    const { action, params } = request;
    if (request.service !== 'sts')
      throw new StsFault(403, 'SignatureDoesNotMatch', 'Credential should be scoped to correct service: sts');
    if (params.Version !== '2011-06-15')
      throw new StsFault(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`,
      );
    const result = (members: string): string =>
      `<${action}Response xmlns="${STS_XMLNS}"><${action}Result>${members}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
    if (action === 'GetCallerIdentity') {
      const account = options.callers?.[request.accessKeyId] ?? '123456789012';
      return result(
        `<Arn>arn:aws:iam::${account}:user/guard</Arn><UserId>AIDAFAKE</UserId><Account>${account}</Account>`,
      );
    }
    if (action !== 'AssumeRole')
      throw new StsFault(400, 'InvalidAction', `Could not find operation ${action}`);
    const arn = params.RoleArn ?? '';
    const session = params.RoleSessionName ?? '';
    if (!SESSION_NAME.test(session)) {
      throw new StsFault(
        400,
        'ValidationError',
        `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint`,
      );
    }
    const duration = Number(params.DurationSeconds ?? '3600');
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
      throw new StsFault(
        400,
        'ValidationError',
        `Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint`,
      );
    }
    const role = options.roles[arn];
    const denied = new StsFault(
      403,
      'AccessDenied',
      `User: arn:aws:iam::${options.callers?.[request.accessKeyId] ?? '123456789012'}:user/guard is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
    );
    if (role === undefined || role.refuse === true) throw denied;
    if (role.externalId !== undefined && params.ExternalId !== role.externalId) throw denied;
    const account = /^arn:aws[\w-]*:iam::(\d{12}):role\/(.+)$/.exec(arn);
    const expiration = new Date(now().getTime() + duration * 1000).toISOString();
    return result(
      `<Credentials><AccessKeyId>${xmlEscape(role.accessKeyId)}</AccessKeyId>` +
        `<SecretAccessKey>secret-${xmlEscape(role.accessKeyId)}</SecretAccessKey>` +
        `<SessionToken>token-${randomUUID()}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROAFAKE:${xmlEscape(session)}</AssumedRoleId>` +
        `<Arn>arn:aws:sts::${account?.[1] ?? ''}:assumed-role/${xmlEscape(account?.[2] ?? '')}/${xmlEscape(session)}</Arn></AssumedRoleUser>`,
    );
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const scope = SCOPE.exec(String(req.headers.authorization ?? ''));
        const request: StsRequest = {
          action: params.Action ?? '',
          params,
          accessKeyId: scope?.[1] ?? '',
          service: scope?.[2] ?? '',
          sessionToken: req.headers['x-amz-security-token'] !== undefined,
        };
        requests.push(request);
        try {
          if (req.method !== 'POST' || scope === null) {
            throw new StsFault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
          }
          if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
            throw new StsFault(
              400,
              'InvalidParameterValue',
              'Content-Type must be application/x-www-form-urlencoded',
            );
          }
          write(res, 200, answer(request));
        } catch (error) {
          if (!(error instanceof StsFault)) throw error;
          write(
            res,
            error.status,
            `<ErrorResponse xmlns="${STS_XMLNS}"><Error><Type>Sender</Type><Code>${error.code}</Code>` +
              `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
          );
        }
      })
      .catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
