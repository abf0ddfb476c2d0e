import { Module } from '@nestjs/common';
import { GenerateModule } from '../generate/generate.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [JobsModule, GenerateModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
})
export class ProjectsModule {}
