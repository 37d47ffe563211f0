/** A Lightsail-compatible HTTP endpoint for tests, the demo and the benchmark. */

export { LIGHTSAIL_REGIONS } from './regions.js';
export { startLightsailSimulator } from './server.js';
export type {
  LightsailSimulator,
  SimFault,
  SimInstanceSpec,
  SimInstanceState,
  SimStats,
  SimulatorOptions,
} from './types.js';
