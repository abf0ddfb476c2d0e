import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type ProbeFacts } from '@reelforge/contracts';
import { type MediaBinaries, readBinaryVersion, resolveMediaBinaries } from './binaries.js';
import { FfmpegRunner, type FfmpegRunRecord } from './ffmpeg-runner.js';
import { probeFile } from './probe.js';

/** The ffmpeg/ffprobe of this process, resolved once at boot, with the limits from config applied. */
@Injectable()
export class MediaTools {
  private readonly logger = new Logger('Media');
  readonly binaries: MediaBinaries;
  readonly runner: FfmpegRunner;
  private readonly runListeners: Array<(record: FfmpegRunRecord) => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.binaries = resolveMediaBinaries({
      ffmpegPath: config.media.ffmpegPath,
      ffprobePath: config.media.ffprobePath,
    });
    for (const warning of this.binaries.warnings) this.logger.warn(warning);
    this.logger.log(
      `ffmpeg ${this.binaries.ffmpegPath} (${this.binaries.ffmpegSource}), ffprobe ${this.binaries.ffprobePath} (${this.binaries.ffprobeSource})`,
    );
    this.runner = new FfmpegRunner(
      this.binaries.ffmpegPath,
      {
        debug: (message) => this.logger.debug(message),
        warn: (message) => this.logger.warn(message),
      },
      { onRunFinished: (record) => this.runListeners.forEach((listener) => listener(record)) },
    );
  }

  /** Called after every ffmpeg run of this process, in the caller's async context (metrics read the job from it). */
  onRunFinished(listener: (record: FfmpegRunRecord) => void): void {
    this.runListeners.push(listener);
  }

  probe(filePath: string): Promise<ProbeFacts> {
    const { media } = this.config;
    return probeFile(this.binaries.ffprobePath, filePath, {
      timeoutMs: media.probeTimeoutMs,
      limits: { maxDurationSec: media.maxDurationSec, maxPixels: media.maxPixels },
    });
  }

  async versions(): Promise<{ ffmpeg: string; ffprobe: string }> {
    const [ffmpeg, ffprobe] = await Promise.all([
      readBinaryVersion(this.binaries.ffmpegPath),
      readBinaryVersion(this.binaries.ffprobePath),
    ]);
    return { ffmpeg, ffprobe };
  }
}

@Global()
@Module({ providers: [MediaTools], exports: [MediaTools] })
export class MediaModule {}
