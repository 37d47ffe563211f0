import { App } from 'aws-cdk-lib';
import { readSettings, SettingsError } from './settings.js';
import { deploySettingsReader } from './settings-file.js';
import { GuardStack, stackErrors } from './stack.js';

// Entry point of `cdk synth` / `cdk deploy` (see cdk.json). No `env`: the stack stays
// environment-agnostic, so synthesis needs no AWS credentials, lookups or network.
const app = new App();
try {
  // deploy.settings.json (or -c settingsFile=...), with -c key=value over it.
  const settings = readSettings(deploySettingsReader((key) => app.node.tryGetContext(key)));
  const stack = new GuardStack(app, 'LightsailGuard', {
    settings,
    description:
      'lightsail-guard: stops Lightsail instances before they exceed their data-transfer allowance',
  });
  // The stack's own errors (no alert channel) stop `cdk synth` and `cdk deploy` here, as one plain
  // sentence each: the CDK would print them under a source location, "(Construct Annotations)" and
  // a rule name. `bundlingRequired` is false for `cdk destroy` and `cdk ls` (the CDK bundles only
  // for synth, deploy, diff and watch), which go on to synthesis: the annotation stays on the
  // stack, they do not check it, so the stack can still be removed from a clone without settings.
  const errors = stack.bundlingRequired ? stackErrors(stack) : [];
  if (errors.length > 0) throw new SettingsError(errors.join('\n'));
  app.synth();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // The message names the file and the key; a stack trace would only hide it.
  process.stderr.write(`lightsail-guard deploy settings: ${error.message}\n`);
  process.exitCode = 1;
}
