export type { PublishedMessage } from './publish.js';
export { MAX_MESSAGE_BYTES, subjectProblem, textFor } from './publish.js';
export type { FakeSns, FakeSnsOptions, FakeSubscription, Received, SnsFault } from './server.js';
export { startFakeSns } from './server.js';
export { SMS_PUBLISH_MAX_CHARS, smsEncoding, smsSegments } from './sms.js';
