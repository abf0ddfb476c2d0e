import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { analyseBeats, ANALYSIS_SAMPLE_RATE, decodePcm } from '@reelforge/analysis';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { AUDIO_ANALYSIS_MAX_SEC, type AudioAnalysis, InvalidMediaError, NotFoundError } from '@reelforge/contracts';
import { AssetEntity } from '@reelforge/db';
import { MediaTools } from '@reelforge/media/nest';
import { MediaInputs } from '@reelforge/storage';
import { type Repository } from 'typeorm';

const roundTo = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/**
 * Beat analysis of audio: decoded by ffmpeg (ingest allow-lists, first AUDIO_ANALYSIS_MAX_SEC only),
 * analysed in-process, and cached on the asset row so each asset is analysed once.
 */
@Injectable()
export class AudioAnalysisService {
  constructor(
    @InjectRepository(AssetEntity) private readonly assets: Repository<AssetEntity>,
    private readonly inputs: MediaInputs,
    private readonly media: MediaTools,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The tenant's asset's analysis: cached, or computed now and stored. InvalidMediaError when it has no
   * audio. A download of the asset lands in `workDir`, the caller's scratch directory.
   */
  async forAsset(tenantId: string, assetId: string, workDir: string): Promise<AudioAnalysis> {
    const asset = await this.assets.findOneBy({ id: assetId, tenantId });
    if (!asset) throw new NotFoundError('asset', assetId);
    if (asset.analysis) return asset.analysis;
    if (!asset.hasAudio) {
      throw new InvalidMediaError(`Asset ${asset.id} (${asset.kind}) has no audio stream; beat analysis needs audio`, {
        assetId: asset.id,
        kind: asset.kind,
      });
    }
    const analysis = await this.forFile(await this.inputs.localFile(asset.storageKey, workDir));
    // Two jobs computing it at once write the same value; the last write wins harmlessly.
    await this.assets.update({ id: asset.id, tenantId }, { analysis });
    return analysis;
  }

  /** Analyses a local file (an asset, or media the caller fetched); not cached. */
  async forFile(path: string): Promise<AudioAnalysis> {
    let samples: Float32Array;
    try {
      samples = await decodePcm(this.media.binaries.ffmpegPath, path, {
        timeoutMs: this.config.media.jobTimeoutMs,
        maxDurationSec: AUDIO_ANALYSIS_MAX_SEC,
      });
    } catch (error) {
      throw new InvalidMediaError(`The audio could not be decoded for analysis: ${(error as Error).message}`);
    }
    if (samples.length === 0) throw new InvalidMediaError('The audio stream is empty');
    const result = analyseBeats(samples, { sampleRate: ANALYSIS_SAMPLE_RATE });
    return {
      tempoBpm: result.tempoBpm === null ? null : roundTo(result.tempoBpm, 2),
      beats: result.beats.map((t) => roundTo(t, 3)),
      onsets: result.onsets.map((t) => roundTo(t, 3)),
      confidence: roundTo(result.confidence, 3),
      analysedSec: roundTo(samples.length / ANALYSIS_SAMPLE_RATE, 3),
    };
  }
}
