import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import {
  AssetKind,
  AssetOrigin,
  DomainError,
  InvalidMediaError,
  JobType,
  type ProbeFacts,
  type Transcript,
  type TranscribeJobPayload,
} from '@reelforge/contracts';
import { AssetEntity, assetRowOf } from '@reelforge/db';
import { inputArgs } from '@reelforge/media';
import { MediaTools } from '@reelforge/media/nest';
import { LocalStorage, storageKeys } from '@reelforge/storage';
import { MAX_CAPTION_CUES, parseCaptions } from '@reelforge/text';
import {
  captionCues,
  createTranscriptionProvider,
  formatSrt,
  TRANSCRIBE_SETTINGS_HINT,
  type TranscriptionProvider,
  TranscriptionRefused,
} from '@reelforge/transcribe';
import { type Queue } from 'bull';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { withDbRetry } from '../lifecycle/db-retry.js';
import { FINAL_WRITE_RETRY_BUDGET_MS, JobLifecycle } from '../lifecycle/job-lifecycle.js';
import { JobTerminalNotifier } from '../lifecycle/terminal-notifier.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { SourceAssets } from './source-assets.js';

class JobNoLongerRunning extends Error {}

/** whisper.cpp wants 16 kHz mono 16-bit WAV; HTTP providers accept it too, so one extraction serves both. */
const SAMPLE_RATE_HZ = 16_000;

/**
 * Speech to captions: the asset's first audio stream is decoded to 16 kHz mono WAV (one ffmpeg run,
 * the ingest allow-lists), the configured provider transcribes it, and the segments become SRT cues.
 * The captions asset (kind `subtitles`, the SRT as its file, word timings on its row) appears with
 * the job's success in one transaction, under the id the API answered.
 */
@Injectable()
export class TranscribeProcessor implements OnApplicationBootstrap {
  private readonly provider: TranscriptionProvider | null;

  constructor(
    @InjectQueue(JobType.Transcribe) private readonly queue: Queue<TranscribeJobPayload>,
    private readonly tracker: JobTracker,
    private readonly sources: SourceAssets,
    private readonly storage: LocalStorage,
    private readonly media: MediaTools,
    private readonly lifecycle: JobLifecycle,
    private readonly notifier: JobTerminalNotifier,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.provider = createTranscriptionProvider(config.transcribe);
  }

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: TranscribeJobPayload, context: JobContext): Promise<void> {
    if (!this.provider) {
      throw new DomainError('not_configured', `This worker has no transcription provider: ${TRANSCRIBE_SETTINGS_HINT}`);
    }
    const { asset, path } = await this.sources.load(payload.tenantId, payload.assetId);
    if (!asset.hasAudio) throw new InvalidMediaError(`Asset ${asset.id} has no audio stream to transcribe`);
    const workDir = await this.storage.tempDir(payload.jobId);
    try {
      const audioPath = join(workDir, 'audio.wav');
      await this.media.runner.run(
        [
          ...inputArgs(path),
          '-t', String(this.config.transcribe.maxDurationSec),
          '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE_HZ), '-c:a', 'pcm_s16le',
          audioPath,
        ], // prettier-ignore
        { timeoutMs: this.config.media.jobTimeoutMs, signal: context.signal },
      );
      context.reportProgress(10);

      const heard = await this.provider
        .transcribe({ audioPath, language: payload.language, signal: context.signal })
        .catch((error: unknown) => {
          if (!(error instanceof TranscriptionRefused)) throw error;
          throw error.reason === 'unauthorized'
            ? new DomainError('not_configured', error.message)
            : new InvalidMediaError(error.message);
        });
      context.reportProgress(90);

      const cues = captionCues(heard.segments);
      if (cues.length === 0) throw new InvalidMediaError('No speech was recognised in the audio');
      if (cues.length > MAX_CAPTION_CUES) {
        throw new InvalidMediaError(
          `The transcript has ${cues.length} cues; captions are limited to ${MAX_CAPTION_CUES}`,
        );
      }
      const srt = formatSrt(cues);
      // The same check as an uploaded SRT: what we store is what the subtitles layer can read.
      const parsed = parseCaptions(srt);
      const srtPath = join(workDir, 'captions.srt');
      await writeFile(srtPath, srt, 'utf8');

      const transcript: Transcript = {
        provider: this.provider.name,
        model: heard.model,
        language: heard.language,
        sourceAssetId: asset.id,
        segments: heard.segments,
        words: heard.segments.flatMap((segment) => segment.words),
      };
      const bytes = Buffer.from(srt, 'utf8');
      const storageKey = storageKeys.assetOriginal(payload.tenantId, payload.captionsAssetId, 'srt');
      const row = assetRowOf({
        id: payload.captionsAssetId,
        tenantId: payload.tenantId,
        kind: AssetKind.Subtitles,
        origin: AssetOrigin.Generated,
        originalName: `${asset.originalName.replace(/\.[^.]*$/, '')}.srt`.slice(0, 255),
        storageKey,
        mime: 'application/x-subrip',
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        facts: captionFacts(Math.max(...parsed.map((cue) => cue.endSec))),
        transcript,
      });
      await this.storage.commit(srtPath, storageKey);
      try {
        await withDbRetry(
          `record transcript ${payload.jobId}`,
          () =>
            this.dataSource.transaction(async (manager) => {
              await manager.insert(AssetEntity, row);
              if (!(await this.lifecycle.succeed(manager, context.attempt, []))) throw new JobNoLongerRunning();
            }),
          { budgetMs: FINAL_WRITE_RETRY_BUDGET_MS },
        );
      } catch (error) {
        await this.storage.remove(storageKey);
        if (error instanceof JobNoLongerRunning) return;
        throw error;
      }
      this.notifier.jobFinished(payload.jobId);
    } finally {
      await this.storage.removeTemp(workDir);
    }
  }
}

/** Probe-shaped facts of a captions file, as an uploaded SRT gets them: text, no streams, its last cue's end. */
function captionFacts(durationSec: number): ProbeFacts {
  return {
    formatName: 'srt',
    durationSec,
    width: null,
    height: null,
    fps: null,
    videoCodec: null,
    audioCodec: null,
    hasVideo: false,
    hasAudio: false,
    rotation: 0,
    streams: [],
  };
}
