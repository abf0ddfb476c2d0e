import { Module } from '@nestjs/common';
import { LinksService } from './links.service.js';
import { SignedFilesController } from './signed-files.controller.js';

@Module({ providers: [LinksService], controllers: [SignedFilesController], exports: [LinksService] })
export class LinksModule {}
