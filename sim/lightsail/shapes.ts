/** Wire shapes, as in the service model (botocore `lightsail/2016-11-28`): timestamps in epoch seconds. */

import { randomUUID } from 'node:crypto';
import { regionInfo } from './regions.js';
import type { SimInstance } from './state.js';
import type { SimInstanceState } from './types.js';

/**
 * `state.code` per state name (the service model's `InstanceState`); callers should key on the name,
 * but the real codes come along. The unsimulated states are 32 `shutting-down` and 48 `terminated`.
 */
const STATE_CODES: Readonly<Record<SimInstanceState, number>> = {
  pending: 0,
  running: 16,
  stopping: 64,
  stopped: 80,
};

/** CPU and RAM of the current bundles; unknown bundles get nano-like hardware. */
const HARDWARE: Record<string, { cpuCount: number; ramSizeInGb: number; diskGb: number }> = {
  nano: { cpuCount: 2, ramSizeInGb: 0.5, diskGb: 20 },
  micro: { cpuCount: 2, ramSizeInGb: 1, diskGb: 40 },
  small: { cpuCount: 2, ramSizeInGb: 2, diskGb: 60 },
  medium: { cpuCount: 2, ramSizeInGb: 4, diskGb: 80 },
  large: { cpuCount: 2, ramSizeInGb: 8, diskGb: 160 },
  xlarge: { cpuCount: 4, ramSizeInGb: 16, diskGb: 320 },
  '2xlarge': { cpuCount: 8, ramSizeInGb: 32, diskGb: 640 },
};

export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

/** An `InstanceState`, as `GetInstanceState` returns it and every `Instance` carries it. */
export function wireState(state: SimInstanceState): { code: number; name: string } {
  return { code: STATE_CODES[state], name: state };
}

/** An `Instance` as `GetInstance`/`GetInstances` return it. */
export function wireInstance(i: SimInstance): Record<string, unknown> {
  const size = i.bundleId.split('_')[0] ?? '';
  const hw = HARDWARE[size] ?? { cpuCount: 2, ramSizeInGb: 0.5, diskGb: 20 };
  const location = { availabilityZone: i.availabilityZone, regionName: i.region };
  const createdAt = epochSeconds(i.createdAt);
  return {
    name: i.name,
    arn: i.arn,
    supportCode: i.supportCode,
    createdAt,
    location,
    resourceType: 'Instance',
    tags: [...i.tags].map(([key, value]) => ({ key, value })),
    blueprintId: 'ubuntu_24_04',
    blueprintName: 'Ubuntu',
    bundleId: i.bundleId,
    isStaticIp: i.staticIp,
    privateIpAddress: i.privateIpAddress,
    publicIpAddress: i.publicIpAddress,
    ipAddressType: 'dualstack',
    hardware: {
      cpuCount: hw.cpuCount,
      ramSizeInGb: hw.ramSizeInGb,
      disks: [
        {
          name: `${i.name}-system-disk`,
          createdAt,
          location,
          resourceType: 'Disk',
          sizeInGb: hw.diskGb,
          isSystemDisk: true,
          iops: 100,
          path: '/dev/xvda',
          attachedTo: i.name,
          attachmentState: 'attached',
        },
      ],
    },
    networking: { monthlyTransfer: { gbPerMonthAllocated: i.gbPerMonthAllocated }, ports: [] },
    state: wireState(i.state),
    username: 'ubuntu',
    sshKeyName: 'LightsailDefaultKeyPair',
  };
}

/** One finished `Operation` record, as state-changing calls return in `operations[]`. */
export function wireOperation(
  operationType: string,
  instance: SimInstance,
  now: Date,
  operationDetails = '',
): Record<string, unknown> {
  const at = epochSeconds(now);
  return {
    id: randomUUID(),
    resourceName: instance.name,
    resourceType: 'Instance',
    createdAt: at,
    location: { availabilityZone: instance.availabilityZone, regionName: instance.region },
    isTerminal: true,
    operationDetails,
    operationType,
    status: 'Succeeded',
    statusChangedAt: at,
  };
}

/** A `Region`; zones only when asked for, as the real service does. */
export function wireRegion(name: string, withZones: boolean): Record<string, unknown> {
  const r = regionInfo(name);
  return {
    continentCode: r.continentCode,
    description: r.description,
    displayName: r.displayName,
    name: r.name,
    availabilityZones: withZones ? r.zones.map((z) => ({ zoneName: `${name}${z}`, state: 'available' })) : [],
    relationalDatabaseAvailabilityZones: [],
  };
}
