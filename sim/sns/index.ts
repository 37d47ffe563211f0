export type { PublishedMessage } from './publish.js';
export { MAX_MESSAGE_BYTES, subjectProblem } from './publish.js';
export type { FakeSns, FakeSnsOptions, SnsFault } from './server.js';
export { startFakeSns } from './server.js';
