import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { RenderingController } from './rendering.controller.js';
import { RenderingService } from './rendering.service.js';

@Module({ imports: [AssetsModule, JobsModule], controllers: [RenderingController], providers: [RenderingService] })
export class RenderingModule {}
