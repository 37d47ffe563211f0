import { App } from 'aws-cdk-lib';
import { readSettings } from './settings.js';
import { GuardStack } from './stack.js';

// Entry point of `cdk synth` / `cdk deploy` (see cdk.json). No `env`: the stack stays
// environment-agnostic, so synthesis needs no AWS credentials, lookups or network.
const app = new App();
const settings = readSettings((key) => app.node.tryGetContext(key));
new GuardStack(app, 'LightsailGuard', {
  settings,
  description: 'lightsail-guard: stops Lightsail instances before they exceed their data-transfer allowance',
});
app.synth();
