/** The simulated fleet, indexed by region and name so that every call touches only what it answers. */

import { randomUUID } from 'node:crypto';
import type { TrafficShape } from '../traffic.js';
import type { SimInstanceSpec, SimInstanceState } from './types.js';

/** A fake 12-digit account: ARNs and support codes need one. */
export const ACCOUNT_ID = '123456789012';

const DAY_MS = 86_400_000;

/** Mutable record of one simulated instance. */
export interface SimInstance {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  readonly supportCode: string;
  readonly availabilityZone: string;
  readonly bundleId: string;
  readonly gbPerMonthAllocated: number;
  readonly createdAt: Date;
  readonly privateIpAddress: string;
  state: SimInstanceState;
  publicIpAddress: string;
  /** A static IP is attached (`isStaticIp`): a start keeps `publicIpAddress`. */
  readonly staticIp: boolean;
  tags: Map<string, string>;
  traffic: { inBytes: number; outBytes: number };
  shape: TrafficShape | undefined;
  /** When it ran, in epoch seconds: shaped traffic flows only then. The last run is open while running. */
  readonly runs: [number, number | undefined][];
}

/**
 * Moves an instance to `state` at `now`, opening or closing its current run, so that shaped traffic
 * stops when it stops and resumes when it starts.
 */
export function changeState(instance: SimInstance, state: SimInstanceState, now: Date): void {
  const at = now.getTime() / 1000;
  const open = instance.runs.at(-1);
  if (state === 'running' && (open === undefined || open[1] !== undefined))
    instance.runs.push([at, undefined]);
  if (state !== 'running' && open !== undefined && open[1] === undefined) open[1] = at;
  instance.state = state;
}

interface RegionFleet {
  /** Insertion order: pages stay stable while instances are added at the end. */
  readonly list: SimInstance[];
  readonly byName: Map<string, SimInstance>;
}

/** Instances of every simulated region. */
export class InstanceStore {
  private readonly fleets = new Map<string, RegionFleet>();
  private addresses = 0;

  constructor(
    private readonly regions: ReadonlySet<string>,
    private readonly now: () => Date,
    /** The account whose ARNs and support codes its instances carry. */
    private readonly accountId: string = ACCOUNT_ID,
  ) {}

  hasRegion(region: string): boolean {
    return this.regions.has(region);
  }

  regionNames(): string[] {
    return [...this.regions];
  }

  /** Adds an instance; a duplicate name or an unsimulated region is a mistake in the test setup. */
  add(spec: SimInstanceSpec): SimInstance {
    if (!this.regions.has(spec.region)) {
      throw new Error(`Region ${spec.region} is not simulated; add it to the simulator's regions`);
    }
    const fleet = this.fleet(spec.region);
    if (fleet.byName.has(spec.name)) {
      throw new Error(`Instance ${spec.name} already exists in ${spec.region}`);
    }
    const n = ++this.addresses;
    const id = randomUUID();
    const createdAt = spec.createdAt ?? new Date(this.now().getTime() - 90 * DAY_MS);
    const state = spec.state ?? 'running';
    const instance: SimInstance = {
      name: spec.name,
      region: spec.region,
      arn: `arn:aws:lightsail:${spec.region}:${this.accountId}:Instance/${id}`,
      supportCode: `${this.accountId}/i-${id.replaceAll('-', '').slice(0, 17)}`,
      availabilityZone: `${spec.region}a`,
      bundleId: spec.bundleId ?? 'nano_3_0',
      gbPerMonthAllocated: spec.gbPerMonthAllocated ?? 1024,
      createdAt,
      privateIpAddress: `172.26.${(n >> 8) & 255}.${n & 255}`,
      state,
      publicIpAddress: this.nextPublicIp(),
      staticIp: spec.staticIp ?? false,
      tags: new Map(Object.entries(spec.tags ?? {})),
      traffic: { ...(spec.traffic ?? { inBytes: 0, outBytes: 0 }) },
      shape: spec.shape,
      runs: state === 'running' ? [[createdAt.getTime() / 1000, undefined]] : [],
    };
    fleet.list.push(instance);
    fleet.byName.set(instance.name, instance);
    return instance;
  }

  get(region: string, name: string): SimInstance | undefined {
    return this.fleets.get(region)?.byName.get(name);
  }

  /** One page of a region's instances, from `offset`, plus whether more follow. */
  page(region: string, offset: number, size: number): { items: SimInstance[]; more: boolean } {
    const list = this.fleets.get(region)?.list ?? [];
    return { items: list.slice(offset, offset + size), more: offset + size < list.length };
  }

  /** A stopped-then-started instance gets a new dynamic public IPv4 address, as on the real service. */
  nextPublicIp(): string {
    const n = ++this.addresses;
    return `3.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  private fleet(region: string): RegionFleet {
    let fleet = this.fleets.get(region);
    if (!fleet) {
      fleet = { list: [], byName: new Map() };
      this.fleets.set(region, fleet);
    }
    return fleet;
  }
}
