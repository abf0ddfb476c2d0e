import { Module } from '@nestjs/common';
import { JobChangeListener } from './job-change-listener.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

@Module({ controllers: [JobsController], providers: [JobsService, JobChangeListener], exports: [JobsService] })
export class JobsModule {}
