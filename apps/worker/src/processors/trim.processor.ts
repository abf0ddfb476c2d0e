import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { JobType, type TrimJobPayload, TrimMode, VariantKind } from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import { buildTrimCommand, displaySize, expectedTrimDurationSec, oddFrameWarning } from '@reelforge/render';
import { Scratch, storageKeys } from '@reelforge/storage';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputRecorder } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { smartCutTrim } from './smart-cut-trim.js';
import { SourceAssets } from './source-assets.js';

/**
 * Trim: an accurate trim of an H.264 source is a smart cut when the source allows it (re-encode only around the
 * cut points), else one ffmpeg run into a temp file; probe what came out, then record it as a variant.
 */
@Injectable()
export class TrimProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(JobType.Trim) private readonly queue: Queue<TrimJobPayload>,
    private readonly sources: SourceAssets,
    private readonly tracker: JobTracker,
    private readonly recorder: OutputRecorder,
    private readonly scratch: Scratch,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registered here rather than with @Process so concurrency can come from the injected config; at
   * bootstrap, not module init, so no job starts (and its Bull lock starts ticking) while other
   * modules still initialize synchronously and block the event loop.
   */
  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: TrimJobPayload, context: JobContext): Promise<void> {
    const workDir = await this.scratch.tempDir(payload.jobId);
    try {
      const { input: source, path } = await this.sources.input(payload.tenantId, payload, workDir);
      const extension = source.hasVideo ? 'mp4' : 'm4a';
      const tempPath = join(workDir, `output.${extension}`);
      const input = {
        sourcePath: path,
        outputPath: tempPath,
        startSec: payload.startSec,
        endSec: payload.endSec,
        mode: payload.mode,
        hasVideo: source.hasVideo,
        hasAudio: source.hasAudio,
        colour: source.probe,
        frame: source.hasVideo ? displaySize(source.probe) : undefined,
      };
      const oddFrame = input.mode === TrimMode.Accurate ? oddFrameWarning(input.frame) : null;
      const warnings: string[] = oddFrame ? [oddFrame] : [];
      let smartCut = false;
      let cutDurationSec: number | null = null;
      // An odd frame is cropped to even by the full re-encode; copied GOPs could not be, so no smart cut.
      if (payload.mode === TrimMode.Accurate && source.hasVideo && !oddFrame) {
        // Inside the job's own temp dir, so the next attempt's cleanup also finds it when this worker is killed.
        const cutDir = join(workDir, 'smart-cut');
        await mkdir(cutDir);
        try {
          const outcome = await smartCutTrim(this.media, {
            sourcePath: path,
            outputPath: tempPath,
            startSec: payload.startSec,
            endSec: payload.endSec,
            probe: source.probe,
            workDir: cutDir,
            timeoutMs: this.config.media.jobTimeoutMs,
            signal: context.signal,
            onProgress: (percent) => context.reportProgress(percent),
          });
          smartCut = outcome.done;
          if (outcome.done) cutDurationSec = outcome.durationSec;
          else if (outcome.warning) warnings.push(outcome.warning);
        } finally {
          await this.scratch.removeTemp(cutDir);
        }
      }
      if (!smartCut) {
        await this.media.runner.run(buildTrimCommand(input), {
          timeoutMs: this.config.media.jobTimeoutMs,
          signal: context.signal,
          expectedDurationSec: expectedTrimDurationSec(input),
          onProgress: (progress) => {
            if (progress.percent !== null) context.reportProgress(progress.percent);
          },
        });
      }
      // ffmpeg may exit 0 after ENOSPC with a truncated output.
      await this.scratch.assertSpaceLeft();

      // A smart cut copied the source's picture and checked its frames from the sample table: its size is the
      // source's and its duration is in the movie header.
      const facts =
        smartCut && cutDurationSec !== null && input.frame
          ? { durationSec: cutDurationSec, width: input.frame.widthPx, height: input.frame.heightPx }
          : await this.media.outputFacts(tempPath);
      const variantId = randomUUID();
      const storageKey = storageKeys.variant(payload.tenantId, variantId, extension);
      await this.recorder.record(context.attempt, {
        files: [{ tempPath, storageKey }],
        variants: [
          {
            id: variantId,
            storageKey,
            tenantId: payload.tenantId,
            jobId: payload.jobId,
            sourceAssetId: source.rootAssetId,
            sourceVariantId: source.sourceVariantId,
            kind: VariantKind.Trim,
            quality: null,
            mime: extension === 'mp4' ? 'video/mp4' : 'audio/mp4',
            sizeBytes: (await stat(tempPath)).size,
            durationSec: facts.durationSec,
            width: facts.width,
            height: facts.height,
            config: { startSec: payload.startSec, endSec: payload.endSec, mode: payload.mode, smartCut },
          },
        ],
        warnings,
      });
    } finally {
      await this.scratch.removeTemp(workDir);
    }
  }
}
