import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { TextModule } from '../text/text.module.js';
import { GenerateController } from './generate.controller.js';
import { GenerateService } from './generate.service.js';

@Module({
  imports: [JobsModule, TextModule],
  controllers: [GenerateController],
  providers: [GenerateService],
  exports: [GenerateService],
})
export class GenerateModule {}
