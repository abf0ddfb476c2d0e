import { type AppConfig } from '@reelforge/config';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentJobContext } from './job-context.js';
import { SecretScrubber } from './redact.js';

export interface LoggerOptions {
  /** Where JSON lines go; stdout by default. Tests pass a collector to read what was logged. */
  destination?: DestinationStream;
  /** `api` or `worker`: one field to tell the processes apart when their logs are merged. */
  service: string;
}

/** Headers that carry credentials; pino-http's default serializer would log them all. */
export const REDACTED_HEADER_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-master-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** A stream that removes secrets from each line before it reaches `next`. */
function scrubbingStream(next: DestinationStream, scrubber: SecretScrubber): DestinationStream {
  return { write: (line: string) => next.write(scrubber.scrub(line)) };
}

/**
 * pino-pretty is a dev dependency: a production image without it falls back to JSON and says so,
 * rather than failing to start over a cosmetic setting.
 */
async function prettyStream(): Promise<DestinationStream | null> {
  try {
    const module = (await import('pino-pretty')) as { default: (options: object) => DestinationStream };
    return module.default({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return null;
  }
}

/** The process's one root logger: level and format from config, secrets scrubbed, job context merged in. */
export async function createRootLogger(config: AppConfig, options: LoggerOptions): Promise<Logger> {
  const { observability } = config;
  let destination = options.destination;
  let prettyMissing = false;
  if (!destination && observability.logFormat === 'pretty') {
    destination = (await prettyStream()) ?? undefined;
    prettyMissing = destination === undefined;
  }
  const scrubber = new SecretScrubber([config.auth.masterKey, observability.metricsToken]);
  const logger = pino(
    {
      level: observability.logLevel,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: log shippers and humans both read `"level":"warn"`.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_HEADER_PATHS, censor: '[redacted]' },
      mixin: () => {
        const job = currentJobContext();
        return job ? { ...job } : {};
      },
    },
    scrubbingStream(destination ?? pino.destination({ dest: 1, sync: true }), scrubber),
  );
  if (prettyMissing) logger.warn('LOG_FORMAT=pretty needs the dev dependency pino-pretty; logging JSON instead');
  return logger;
}
