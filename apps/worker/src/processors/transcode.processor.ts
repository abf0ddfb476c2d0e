import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  InvalidMediaError,
  JobType,
  TranscodeFormat,
  type TranscodeJobPayload,
  VariantKind,
} from '@reelforge/contracts';
import { MediaTools } from '@reelforge/media/nest';
import {
  avcCodecString,
  buildMasterPlaylist,
  buildTranscodeCommand,
  displaySize,
  parseMediaPlaylist,
  planLadder,
  type RenditionStream,
} from '@reelforge/render';
import { Scratch, storageKeys } from '@reelforge/storage';
import { type Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputRecorder, type VariantRow } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { SourceAssets } from './source-assets.js';

const HLS_MIME = 'application/vnd.apple.mpegurl';

/**
 * Transcode: the whole ladder in one ffmpeg process (decode once, split, scale, encode each rung).
 * MP4 gives one variant per rung. HLS gives one directory, committed whole, holding the master
 * playlist and every rung's playlist and segments; the master and each rung are variants.
 */
@Injectable()
export class TranscodeProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(JobType.Transcode) private readonly queue: Queue<TranscodeJobPayload>,
    private readonly sources: SourceAssets,
    private readonly tracker: JobTracker,
    private readonly recorder: OutputRecorder,
    private readonly scratch: Scratch,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: TranscodeJobPayload, context: JobContext): Promise<void> {
    // The row's facts suffice to plan; the bytes are fetched only for a job that will run.
    const row = await this.sources.inputRow(payload.tenantId, payload);
    if (!row.hasVideo) throw new InvalidMediaError('Only video assets can be transcoded', { source: row.label });
    const plan = planLadder(displaySize(row), payload.qualities);
    if (plan.renditions.length === 0) {
      throw new InvalidMediaError('Every requested quality is above the source', { skipped: plan.skipped });
    }

    const workDir = await this.scratch.tempDir(payload.jobId);
    try {
      const { input, path } = await this.sources.input(payload.tenantId, payload, workDir);
      // Apart from the inputs: an HLS package is this whole directory.
      const outputDir = join(workDir, 'out');
      await mkdir(outputDir);
      const command = buildTranscodeCommand({
        sourcePath: path,
        source: { ...input.probe, hasAudio: input.hasAudio },
        renditions: plan.renditions,
        format: payload.format,
        outputDir,
      });
      await this.media.runner.run(command.args, {
        timeoutMs: this.config.media.jobTimeoutMs,
        signal: context.signal,
        expectedDurationSec: input.durationSec ?? undefined,
        onProgress: (progress) => {
          if (progress.percent !== null) context.reportProgress(progress.percent);
        },
      });
      // ffmpeg may exit 0 after ENOSPC with a truncated output.
      await this.scratch.assertSpaceLeft();

      const base = { tenantId: payload.tenantId, jobId: payload.jobId, sourceAssetId: input.rootAssetId };
      if (payload.format === TranscodeFormat.Mp4) {
        const outputs: Array<{ tempPath: string; storageKey: string; variant: VariantRow }> = [];
        for (const [i, file] of command.outputs.entries()) {
          const tempPath = join(outputDir, file.fileName);
          const facts = await this.media.outputFacts(tempPath);
          const variantId = randomUUID();
          const storageKey = storageKeys.variant(payload.tenantId, variantId, 'mp4');
          outputs.push({
            tempPath,
            storageKey,
            variant: {
              ...base,
              id: variantId,
              sourceVariantId: input.sourceVariantId,
              storageKey,
              kind: VariantKind.Transcode,
              quality: file.quality,
              mime: 'video/mp4',
              sizeBytes: (await stat(tempPath)).size,
              durationSec: facts.durationSec,
              width: facts.width,
              height: facts.height,
              config: { format: payload.format, crf: plan.renditions[i].crf, skipped: plan.skipped },
            },
          });
        }
        await this.recorder.record(context.attempt, {
          files: outputs.map(({ tempPath, storageKey }) => ({ tempPath, storageKey })),
          variants: outputs.map(({ variant }) => variant),
        });
        return;
      }

      const streams: RenditionStream[] = [];
      for (const [i, file] of command.outputs.entries()) {
        streams.push(await this.describeRendition(outputDir, file.fileName, plan.renditions[i]));
      }
      await writeFile(join(outputDir, 'master.m3u8'), buildMasterPlaylist(streams));

      // One directory holds the whole package, so the playlists' relative URIs resolve when served.
      const packageKey = storageKeys.variantDir(payload.tenantId, randomUUID());
      const masterId = randomUUID();
      const master: VariantRow = {
        ...base,
        id: masterId,
        sourceVariantId: input.sourceVariantId,
        storageKey: `${packageKey}/master.m3u8`,
        kind: VariantKind.Transcode,
        quality: 'master',
        mime: HLS_MIME,
        sizeBytes: await this.packageSize(outputDir, streams),
        durationSec: input.durationSec,
        width: streams[0]?.widthPx ?? null,
        height: streams[0]?.heightPx ?? null,
        config: { format: payload.format, renditions: streams.map((s) => s.quality), skipped: plan.skipped },
      };
      const renditions: VariantRow[] = streams.map((stream, i) => ({
        ...base,
        id: randomUUID(),
        sourceVariantId: masterId,
        storageKey: `${packageKey}/${stream.playlistFileName}`,
        kind: VariantKind.Transcode,
        quality: stream.quality,
        mime: HLS_MIME,
        sizeBytes: stream.sizeBytes,
        durationSec: input.durationSec,
        width: stream.widthPx,
        height: stream.heightPx,
        config: {
          format: payload.format,
          crf: plan.renditions[i].crf,
          peakBitrateBps: Math.ceil(stream.peakBitrateBps),
          averageBitrateBps: Math.ceil(stream.averageBitrateBps),
        },
      }));
      await this.recorder.record(context.attempt, {
        files: [{ tempPath: outputDir, storageKey: packageKey }],
        variants: [master, ...renditions],
      });
    } finally {
      await this.scratch.removeTemp(workDir);
    }
  }

  private async describeRendition(
    outputDir: string,
    playlistFileName: string,
    rendition: { quality: RenditionStream['quality']; widthPx: number; heightPx: number },
  ): Promise<RenditionStream> {
    const segments = parseMediaPlaylist(await readFile(join(outputDir, playlistFileName), 'utf8'));
    if (segments.length === 0) throw new Error(`ffmpeg wrote no segments for ${playlistFileName}`);
    let peakBitrateBps = 0;
    let totalBits = 0;
    let totalSec = 0;
    for (const segment of segments) {
      const bits = (await stat(join(outputDir, segment.uri))).size * 8;
      totalBits += bits;
      totalSec += segment.durationSec;
      if (segment.durationSec > 0) peakBitrateBps = Math.max(peakBitrateBps, bits / segment.durationSec);
    }
    const firstSegment = await this.media.probe(join(outputDir, segments[0].uri));
    const videoStream = firstSegment.streams.find((s) => s.type === 'video');
    return {
      quality: rendition.quality,
      playlistFileName,
      widthPx: rendition.widthPx,
      heightPx: rendition.heightPx,
      peakBitrateBps,
      averageBitrateBps: totalSec > 0 ? totalBits / totalSec : peakBitrateBps,
      sizeBytes: Math.round(totalBits / 8) + (await stat(join(outputDir, playlistFileName))).size,
      codecs: [
        avcCodecString(firstSegment.videoProfile ?? null, firstSegment.videoLevel ?? null),
        ...(firstSegment.hasAudio ? ['mp4a.40.2'] : []),
      ].join(','),
      frameRate: videoStream ? firstSegment.fps : null,
    };
  }

  private async packageSize(outputDir: string, streams: readonly RenditionStream[]): Promise<number> {
    const masterBytes = (await stat(join(outputDir, 'master.m3u8'))).size;
    return streams.reduce((total, stream) => total + stream.sizeBytes, masterBytes);
  }
}
