import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { type ProbeFacts } from '@reelforge/contracts';
import { type MediaBinaries, readBinaryVersion, resolveMediaBinaries } from './binaries.js';
import { FfmpegRunner, type FfmpegRunRecord } from './ffmpeg-runner.js';
import { readMp4VideoTrack } from './mp4-track.js';
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

  /**
   * What a variant row records of an output this service just wrote. An H.264 MP4 with a complete sample table
   * is read from it (duration from the movie header, size from the sample entry: what ffprobe reports for it), with
   * no process: an ffprobe start costs 0.15-0.2 s of CPU, as much as encoding a few 1080p frames. Anything else
   * (audio-only, WebM, GIF, a table that cannot be read) is probed, and a probe of a broken file fails as before.
   */
  async outputFacts(filePath: string): Promise<Pick<ProbeFacts, 'durationSec' | 'width' | 'height'>> {
    const track = filePath.endsWith('.mp4') ? await readMp4VideoTrack(filePath).catch(() => null) : null;
    if (track?.avcC && track.sampleCount > 0 && track.movieDurationSec !== null && track.widthPx && track.heightPx) {
      return { durationSec: track.movieDurationSec, width: track.widthPx, height: track.heightPx };
    }
    return this.probe(filePath);
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
