/** The HTTP front of the simulator: awsJson1_1 over loopback, with latency, faults and pause gates. */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeldRequests } from '../held-requests.js';
import { PauseGates } from '../pause-gate.js';
import { type Decision, type Dispatch, decide, NO_ANSWER } from './dispatch.js';
import { accessDenied, SimError } from './errors.js';
import { FaultBook, matchesFilter } from './faults.js';
import { RegionRateLimiter } from './rate-limit.js';
import { LIGHTSAIL_REGIONS } from './regions.js';
import { InstanceStore } from './state.js';
import { StatsRecorder } from './stats.js';
import type {
  LightsailSimulator,
  SimAccountView,
  SimPauseFilter,
  SimRequest,
  SimulatorOptions,
} from './types.js';
import { error, headerValue, parseBody, readBody, send, sleep, targetName } from './wire.js';

const TARGET_PREFIX = 'Lightsail_20161128.';

/** The region of a SigV4 credential scope: `Credential=AKID/20261127/<region>/lightsail/aws4_request`. */
const CREDENTIAL_REGION = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/lightsail\/aws4_request/;

/** The access key id of a SigV4 credential scope: which account a request is made in. */
const CREDENTIAL_KEY = /Credential=([^/,\s]+)\//;

/** A simulated account: its instances, and whether it refuses every call. */
interface SimAccount {
  readonly store: InstanceStore;
  readonly refuse: boolean;
}

/**
 * Starts a Lightsail-compatible endpoint on 127.0.0.1. Point the real `LightsailClient` at
 * `endpoint` (or `AWS_ENDPOINT_URL_LIGHTSAIL`) with any credentials: signatures are not checked,
 * only the region of their credential scope is read.
 */
export async function startLightsailSimulator(options: SimulatorOptions = {}): Promise<LightsailSimulator> {
  const now = options.now ?? (() => new Date());
  const store = new InstanceStore(new Set(options.regions ?? LIGHTSAIL_REGIONS), now);
  for (const spec of options.instances ?? []) store.add(spec);
  const accounts = new Map<string, SimAccount>(
    Object.entries(options.accounts ?? {}).map(([key, account]) => {
      const own = new InstanceStore(new Set(options.regions ?? LIGHTSAIL_REGIONS), now, account.accountId);
      for (const spec of account.instances ?? []) own.add(spec);
      return [key, { store: own, refuse: account.refuse === true }];
    }),
  );
  const faults = new FaultBook();
  const stats = new StatsRecorder();
  const limiter = options.rateLimit
    ? new RegionRateLimiter(options.rateLimit.perSecond, options.rateLimit.burst)
    : undefined;
  const dispatch: Dispatch = {
    store,
    faults,
    stats,
    limiter,
    now,
    pageSize: options.pageSize ?? 25,
    metricDelaySeconds: options.metricDelaySeconds ?? 0,
  };
  const latency = options.latencyMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  const held = new HeldRequests();
  const pauses = new PauseGates<SimPauseFilter, SimRequest>(matchesFilter);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.arrive();
    try {
      const raw = await readBody(req);
      const target = headerValue(req, 'x-amz-target') ?? '';
      const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
      const region = CREDENTIAL_REGION.exec(headerValue(req, 'authorization') ?? '')?.[1] ?? '';
      stats.count(op, region);
      const body = parseBody(raw);
      const key = CREDENTIAL_KEY.exec(headerValue(req, 'authorization') ?? '')?.[1] ?? '';
      const account = accounts.get(key);
      const request = { op, region, instanceName: body instanceof SimError ? undefined : targetName(body) };
      const paused = pauses.take(request);
      // Held before it runs: a request whose client left meanwhile (aborted, killed) is dropped unrun.
      if (paused && !paused.options.applyFirst && (await held.hold(res, paused.hold())) === 'gone') return;
      let answer: Decision;
      try {
        answer = account?.refuse
          ? error(accessDenied(op))
          : account === undefined
            ? decide(dispatch, req.method ?? '', request, body)
            : decide({ ...dispatch, store: account.store, limitKey: key }, req.method ?? '', request, body);
      } catch (e) {
        // A bug in the simulator must look like a server fault, not hang the client.
        answer = error(new SimError(500, 'ServiceException', `Simulator failure: ${String(e)}`));
      }
      if (paused?.options.applyFirst && (await held.hold(res, paused.hold())) === 'gone') return;
      if (answer === NO_ANSWER) {
        await held.hold(res);
        return;
      }
      const delay = typeof latency === 'function' ? latency(region, op) : latency;
      if (delay > 0) await sleep(delay, timers);
      send(res, answer);
    } finally {
      stats.finish();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  });
  // The benchmark runs hundreds of keep-alive connections at once; the default backlog is enough,
  // but idle sockets must not keep `close()` waiting.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    ...accountView(store),
    account(accessKeyId) {
      const account = accounts.get(accessKeyId);
      if (account === undefined) throw new Error(`No simulated account signs with ${accessKeyId}`);
      return accountView(account.store);
    },
    setShape(region, name, shape) {
      const i = store.get(region, name);
      if (!i) throw new Error(`No simulated instance ${name} in ${region}`);
      i.shape = shape;
    },
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    pause: (filter = {}) => pauses.open(filter),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        pauses.close();
        held.dropAll();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Reads and changes the instances of one account's store. */
function accountView(store: InstanceStore): SimAccountView {
  return {
    addInstance: (spec) => {
      store.add(spec);
    },
    instance(region, name) {
      const i = store.get(region, name);
      if (!i) return undefined;
      return {
        get state() {
          return i.state;
        },
        get tags() {
          return Object.fromEntries(i.tags);
        },
      };
    },
    setTraffic(region, name, traffic) {
      const i = store.get(region, name);
      if (!i) throw new Error(`No simulated instance ${name} in ${region}`);
      i.traffic = { ...traffic };
      i.shape = undefined;
    },
  };
}
