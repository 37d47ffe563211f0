import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readSettings } from '../../infra/settings.js';
import { GuardStack } from '../../infra/stack.js';

/** The context in cdk.json (no guard settings: their defaults are in infra/settings.ts). */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * Synthesizes the stack as `cdk synth -c key=value` would with no settings file (tests never read
 * a developer's own deploy.settings.json; test/infra/settings-file.test.ts covers the file). Bundling is
 * skipped unless asked for (the CDK's own switch, used by `cdk deploy --exclusively`): the
 * assertions are about the template, and one test bundles for real.
 */
export function synthStack(overrides: Record<string, unknown> = {}, options: { bundle?: boolean } = {}) {
  const context: Record<string, unknown> = { ...CDK_JSON_CONTEXT, ...overrides };
  if (!options.bundle) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context });
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const stack = new GuardStack(app, 'LightsailGuard', { settings });
  return { app, stack, template: Template.fromStack(stack) };
}
