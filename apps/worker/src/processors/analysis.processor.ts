import { InjectQueue } from '@nestjs/bull';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AnalysisJobPayload, JobType } from '@reelforge/contracts';
import { Scratch } from '@reelforge/storage';
import { type Queue } from 'bull';
import { OutputRecorder } from '../lifecycle/output-recorder.js';
import { type JobContext, JobTracker } from '../lifecycle/tracked-processor.js';
import { AudioAnalysisService } from './audio-analysis.js';

/** Computes and caches an asset's beat analysis; the job has no output files, the asset row holds the result. */
@Injectable()
export class AnalysisProcessor implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(JobType.Analysis) private readonly queue: Queue<AnalysisJobPayload>,
    private readonly tracker: JobTracker,
    private readonly analysis: AudioAnalysisService,
    private readonly recorder: OutputRecorder,
    private readonly scratch: Scratch,
  ) {}

  onApplicationBootstrap(): void {
    this.tracker.process(this.queue, (payload, context) => this.handle(payload, context));
  }

  async handle(payload: AnalysisJobPayload, context: JobContext): Promise<void> {
    const workDir = await this.scratch.tempDir(payload.jobId);
    try {
      await this.analysis.forAsset(payload.tenantId, payload.assetId, workDir);
      await this.recorder.record(context.attempt, { files: [], variants: [] });
    } finally {
      await this.scratch.removeTemp(workDir);
    }
  }
}
