import { ReelforgeApiError, ReelforgeClient, ReelforgeJobError } from '@reelforge/client';
import { loadCliEnv } from '@reelforge/config';
import { DomainError } from '@reelforge/contracts';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ProgressBar } from './progress-bar.js';
import { renderLocally } from './render.js';

const USAGE = `Usage: reelforge <command> [options]

Local (no server, no database):
  render <spec.json> -o <out.mp4> [--asset <id>=<file>]...   Render a composition or template with the local libraries

Over the API (REELFORGE_URL, REELFORGE_API_KEY, REELFORGE_MASTER_KEY, or --url/--key/--master-key):
  upload <file>                                              Upload a file; prints the asset
  trim <assetId|variantId> --start <t> --end <t> [--variant] [--fast] [--wait] [-o <out>]
  jobs wait <jobId> [-o <out>]                               Follow a job to its end (progress bar); download its result
  keys create --tenant <tenantId> --name <name> [--minute-limit n] [--daily-limit n]

Exit status: 0 done, 1 refused or failed (the API error code is printed), 2 usage error.`;

class UsageError extends Error {}

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  asset: { type: 'string', multiple: true },
  url: { type: 'string' },
  key: { type: 'string' },
  'master-key': { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  variant: { type: 'boolean' },
  fast: { type: 'boolean' },
  wait: { type: 'boolean' },
  tenant: { type: 'string' },
  name: { type: 'string' },
  'minute-limit': { type: 'string' },
  'daily-limit': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A timecode as the API takes it: seconds as a number, HH:MM:SS as a string. */
const timecode = (value: string | undefined, flag: string): number | string => {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
};

function defaultAssetsDir(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), '../../../..', 'assets');
  return existsSync(resolve('assets/fonts')) ? resolve('assets') : resolve(beside);
}

function client(flags: Flags, admin = false): ReelforgeClient {
  const env = loadCliEnv();
  const baseUrl = flags.url ?? env.url;
  if (!baseUrl) throw new UsageError('Set REELFORGE_URL or pass --url');
  const apiKey = flags.key ?? env.apiKey;
  const masterKey = flags['master-key'] ?? env.masterKey;
  if (admin && !masterKey) throw new UsageError('Set REELFORGE_MASTER_KEY or pass --master-key');
  if (!admin && !apiKey) throw new UsageError('Set REELFORGE_API_KEY or pass --key');
  return new ReelforgeClient({ baseUrl, apiKey, masterKey });
}

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

async function waitAndDownload(api: ReelforgeClient, jobId: string, output: string | undefined): Promise<void> {
  const bar = new ProgressBar(process.stderr, `job ${jobId.slice(0, 8)}`);
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('Interrupted; the job keeps running on the server'));
  process.once('SIGINT', stop);
  try {
    const job = await api.waitForJob(jobId, {
      signal: controller.signal,
      throwOnFailure: true,
      onProgress: (state) =>
        bar.update(state.progress, state.status === 'queued' ? `queued #${state.queuePosition ?? '?'}` : state.status),
    });
    bar.done(`job ${job.id} ${job.status}`);
    if (output) {
      const bytes = await api.downloadJobResult(job.id, output);
      process.stderr.write(`wrote ${output} (${bytes} bytes)\n`);
    }
    print(job);
  } finally {
    process.off('SIGINT', stop);
  }
}

async function run(argv: string[]): Promise<void> {
  const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (flags.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  switch (command) {
    case 'render': {
      const [specPath] = rest;
      if (!specPath || !flags.output) throw new UsageError('render needs <spec.json> and -o <output>');
      const localAssets = new Map<string, string>();
      for (const pair of flags.asset ?? []) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new UsageError(`--asset takes <id>=<file>, got ${pair}`);
        localAssets.set(pair.slice(0, at), resolve(pair.slice(at + 1)));
      }
      let spec: unknown;
      try {
        spec = JSON.parse(await readFile(specPath, 'utf8'));
      } catch (error) {
        throw new UsageError(`${specPath}: ${(error as Error).message}`);
      }
      const env = loadCliEnv();
      const bar = new ProgressBar(process.stderr, 'render');
      const result = await renderLocally({
        spec,
        outputPath: flags.output,
        assetsDir: env.assetsDir ?? defaultAssetsDir(),
        ffmpegPath: env.ffmpegPath,
        ffprobePath: env.ffprobePath,
        localAssets,
        onProgress: (percent) => bar.update(percent),
      });
      bar.done(`wrote ${result.outputPath}: ${result.widthPx}x${result.heightPx}, ${result.durationSec.toFixed(2)} s`);
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      return;
    }
    case 'upload': {
      const [file] = rest;
      if (!file) throw new UsageError('upload needs <file>');
      print(await client(flags).uploadFile(file));
      return;
    }
    case 'trim': {
      const [id] = rest;
      if (!id) throw new UsageError('trim needs an asset id (or a variant id with --variant)');
      const api = client(flags);
      const accepted = await api.trim({
        source: flags.variant ? { variantId: id } : { assetId: id },
        start: timecode(flags.start, 'start'),
        end: timecode(flags.end, 'end'),
        mode: flags.fast ? 'fast' : 'accurate',
      });
      if (flags.wait || flags.output) return waitAndDownload(api, accepted.jobId, flags.output);
      print(accepted);
      return;
    }
    case 'jobs': {
      const [sub, jobId] = rest;
      if (sub !== 'wait' || !jobId) throw new UsageError('jobs wait <jobId> [-o <output>]');
      return waitAndDownload(client(flags), jobId, flags.output);
    }
    case 'keys': {
      const [sub] = rest;
      if (sub !== 'create' || !flags.tenant || !flags.name) {
        throw new UsageError('keys create --tenant <tenantId> --name <name>');
      }
      const created = await client(flags, true).createKey({
        tenantId: flags.tenant,
        name: flags.name,
        minuteLimit: Number(flags['minute-limit'] ?? 120),
        dailyLimit: Number(flags['daily-limit'] ?? 10_000),
      });
      print(created);
      return;
    }
    default:
      throw new UsageError(`Unknown command ${command}`);
  }
}

/** Exit codes: 1 for a refusal or failure the user can act on (printed with its code), 2 for misuse. */
export async function main(argv: string[]): Promise<number> {
  try {
    await run(argv);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ReelforgeApiError) {
      process.stderr.write(`${error.code} (HTTP ${error.status}): ${error.message}\n`);
      if (error.details !== undefined) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
    } else if (error instanceof ReelforgeJobError) {
      process.stderr.write(`job ${error.job.id} ${error.job.status}: ${error.code}: ${error.message}\n`);
    } else if (error instanceof DomainError) {
      // The API's validation, run here: the same code and message the API would answer.
      process.stderr.write(`${error.code}: ${error.message}\n`);
      if (Object.keys(error.details).length > 0) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 1;
  }
}
