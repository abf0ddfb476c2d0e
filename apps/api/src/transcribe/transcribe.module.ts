import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { TranscribeController } from './transcribe.controller.js';

@Module({ imports: [AssetsModule, JobsModule], controllers: [TranscribeController] })
export class TranscribeModule {}
