/** The regions where Lightsail runs, as `GetRegions` describes them. */

export interface RegionInfo {
  readonly name: string;
  readonly displayName: string;
  readonly continentCode: string;
  readonly description: string;
  /** Zone letters; the real zones differ a little per account and are only shown on request. */
  readonly zones: readonly string[];
}

const regions: readonly RegionInfo[] = [
  region('us-east-1', 'Virginia', 'NA', 'the eastern United States', 'abcdef'),
  region('us-east-2', 'Ohio', 'NA', 'the eastern United States', 'abc'),
  region('us-west-2', 'Oregon', 'NA', 'the northwestern United States, Alaska, and western Canada', 'abcd'),
  region('eu-west-1', 'Ireland', 'EU', 'Ireland, the United Kingdom, and western Europe', 'abc'),
  region('eu-west-2', 'London', 'EU', 'the United Kingdom and Ireland', 'abc'),
  region('eu-west-3', 'Paris', 'EU', 'France and western Europe', 'abc'),
  region('eu-central-1', 'Frankfurt', 'EU', 'Germany and central Europe', 'abc'),
  region('eu-north-1', 'Stockholm', 'EU', 'Scandinavia and northern Europe', 'abc'),
  region('ca-central-1', 'Canada', 'NA', 'Canada', 'abd'),
  region('ap-south-1', 'Mumbai', 'AP', 'India and South Asia', 'abc'),
  region('ap-southeast-1', 'Singapore', 'AP', 'Southeast Asia', 'abc'),
  region('ap-southeast-2', 'Sydney', 'AP', 'Australia and New Zealand', 'abc'),
  region('ap-southeast-3', 'Jakarta', 'AP', 'Indonesia and Southeast Asia', 'abc'),
  region('ap-northeast-1', 'Tokyo', 'AP', 'Japan', 'acd'),
  region('ap-northeast-2', 'Seoul', 'AP', 'South Korea', 'abcd'),
];

const byName = new Map(regions.map((r) => [r.name, r]));

/** Names of every region where the real service runs Lightsail: the simulator's default. */
export const LIGHTSAIL_REGIONS: readonly string[] = regions.map((r) => r.name);

/**
 * Describes a region. Regions outside the real list (a test may enable any name) get a plain
 * description so that `GetRegions` still lists them.
 */
export function regionInfo(name: string): RegionInfo {
  return (
    byName.get(name) ?? {
      name,
      displayName: name,
      continentCode: 'NA',
      description: `Simulated region ${name}`,
      zones: ['a', 'b', 'c'],
    }
  );
}

function region(name: string, displayName: string, continentCode: string, users: string, zones: string) {
  return {
    name,
    displayName,
    continentCode,
    description: `This region is recommended to serve users in ${users}`,
    zones: [...zones],
  };
}
