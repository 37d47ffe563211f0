import { App } from 'aws-cdk-lib';
import { readSettings, SettingsError } from './settings.js';
import { deploySettingsReader } from './settings-file.js';
import { GuardStack } from './stack.js';

// Entry point of `cdk synth` / `cdk deploy` (see cdk.json). No `env`: the stack stays
// environment-agnostic, so synthesis needs no AWS credentials, lookups or network.
const app = new App();
try {
  // deploy.settings.json (or -c settingsFile=...), with -c key=value over it.
  const settings = readSettings(deploySettingsReader((key) => app.node.tryGetContext(key)));
  new GuardStack(app, 'LightsailGuard', {
    settings,
    description:
      'lightsail-guard: stops Lightsail instances before they exceed their data-transfer allowance',
  });
  app.synth();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // The message names the file and the key; a stack trace would only hide it.
  process.stderr.write(`lightsail-guard deploy settings: ${error.message}\n`);
  process.exitCode = 1;
}
