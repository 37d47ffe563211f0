/** A local AWS STS (`AssumeRole`, `GetCallerIdentity`) for wire-level tests and the benchmark. */

export type { FakeRole, FakeSts, FakeStsOptions, StsRequest } from './server.js';
export { STS_XMLNS, startFakeSts } from './server.js';
