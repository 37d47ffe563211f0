/** A Lightsail-compatible HTTP endpoint for tests, the demo and the benchmark. */

export { LIGHTSAIL_REGIONS } from './regions.js';
export { startLightsailSimulator } from './server.js';
export type {
  LightsailSimulator,
  SimAccountOptions,
  SimAccountView,
  SimFault,
  SimInstanceSpec,
  SimInstanceState,
  SimPause,
  SimPauseFilter,
  SimRequest,
  SimRequestFilter,
  SimStats,
  SimulatorOptions,
} from './types.js';
