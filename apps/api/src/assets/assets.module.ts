import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { LinksModule } from '../links/links.module.js';
import { TextModule } from '../text/text.module.js';
import { AssetJobsService } from './asset-jobs.service.js';
import { AssetsController } from './assets.controller.js';
import { AssetsService } from './assets.service.js';

@Module({
  imports: [JobsModule, TextModule, LinksModule],
  controllers: [AssetsController], providers: [AssetsService, AssetJobsService], exports: [AssetsService] })
export class AssetsModule {}
