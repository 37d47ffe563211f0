// Placeholder until the engine lands: the CDK stack bundles this entry point.
export async function handler(_event: unknown): Promise<void> {
  throw new Error('lightsail-guard: the Lambda handler is not built yet');
}
