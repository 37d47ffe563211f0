/**
 * How the Lambda handler is bundled, in one place: the CDK stack (through NodejsFunction, which runs
 * the local esbuild CLI) and `scripts/package-zip.ts` (through the esbuild API) must ship the same
 * file, or console users would run something the tests never saw.
 */
import { join } from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, build } from 'esbuild';

/** Entry point, relative to the repository root. */
export const LAMBDA_ENTRY = 'src/lambda.ts';
/** The chat commands' function (`telegramCommands`), bundled the same way. */
export const TELEGRAM_WEBHOOK_ENTRY = 'src/telegram-webhook.ts';
/** Exported function name; the Lambda handler setting is `index.handler`. */
export const LAMBDA_HANDLER = 'handler';
/** The file esbuild writes; NodejsFunction names ESM output `index.mjs` as well. */
export const LAMBDA_OUTFILE = 'index.mjs';

/**
 * Most bytes `index.mjs` may have: 650 KB, counted in thousands as BENCHMARKS.md counts it. A
 * bigger bundle loads slower on every cold start; `npm run bench` reports against this and a test
 * fails past it, so a dependency that drags in a second SDK is caught before it ships. It was
 * 500 KB until the alert channels: Amazon SNS's client and the AWS Query protocol's XML support
 * add about 42 KB that publishing to a topic cannot do without, and the channels, the push
 * services and the two language catalogues about 30 KB of the guard's own code (546 KB in all).
 * 600 KB since the short SMS texts in both languages, the measured metric coverage and the month's
 * last-interval wording (582 KB in all, 14 KB more of the guard's own code). 650 KB since the
 * channel registry with Discord, Slack and ntfy and the message variants picked in core (601 KB in
 * all): the guard's own code, not a second SDK. The shared SDK core, which is what costs import
 * time (61 ms over bare node, measured), is the same.
 */
export const LAMBDA_ASSET_BUDGET_BYTES = 650_000;

/**
 * CommonJS code in a dependency may `require` a Node built-in, which an ES-module bundle cannot do
 * ("Dynamic require of ... is not supported"); give it a `require`. (The SSM client needs none
 * today.) The alias avoids clashing with names esbuild generates.
 */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);";

/** The options both paths share. */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  minify: true,
  sourcemap: false,
  // Prefer the ES-module builds of dependencies: smaller after tree shaking.
  mainFields: ['module', 'main'],
  // UTF-8 as written: esbuild's default escapes every non-ASCII character as \uXXXX, which makes
  // each Chinese character of the zh-CN catalogue six bytes instead of three.
  charset: 'utf8',
  banner: CREATE_REQUIRE_BANNER,
  // Nothing external: the asset carries its own AWS SDK, since the runtime's copy is pinned by AWS.
  external: [] as string[],
} as const;

/** The options as NodejsFunction takes them. Docker is never used: esbuild runs locally. */
export function cdkBundlingOptions(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: LAMBDA_BUNDLE.target,
    minify: LAMBDA_BUNDLE.minify,
    sourceMap: LAMBDA_BUNDLE.sourcemap,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    // Given as esbuild's own flag: this aws-cdk-lib declares `charset` but does not pass it on.
    esbuildArgs: { '--charset': LAMBDA_BUNDLE.charset },
    banner: LAMBDA_BUNDLE.banner,
    externalModules: [...LAMBDA_BUNDLE.external],
    bundleAwsSDK: true,
    forceDockerBundling: false,
  };
}

/** The same options as the esbuild API takes them, writing `outdir/index.mjs`. */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile: `${outdir}/${LAMBDA_OUTFILE}`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_BUNDLE.target,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourcemap,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    charset: LAMBDA_BUNDLE.charset,
    banner: { js: LAMBDA_BUNDLE.banner },
    external: [...LAMBDA_BUNDLE.external],
    logLevel: 'warning',
  };
}

/**
 * Bundles the handler into `outdir/index.mjs` outside the CDK, as the stack would, and returns that
 * path. Runs from `root` so relative paths match what NodejsFunction passes to esbuild.
 */
export async function bundleLambda(root: string, outdir: string): Promise<string> {
  const options = esbuildOptions(LAMBDA_ENTRY, outdir);
  await build({ ...options, absWorkingDir: root });
  return join(outdir, LAMBDA_OUTFILE);
}
