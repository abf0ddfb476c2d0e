import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { RenderingController } from './rendering.controller.js';
import { OverlaysService } from './overlays.service.js';
import { OperationSources } from './operation-sources.js';
import { RenderingService } from './rendering.service.js';
import { TextModule } from '../text/text.module.js';

@Module({
  imports: [AssetsModule, JobsModule, TextModule],
  controllers: [RenderingController],
  providers: [RenderingService, OverlaysService, OperationSources],
})
export class RenderingModule {}
