import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { FontRegistry } from '@reelforge/text';
import { join } from 'node:path';
import { TextLayersService } from './text-layers.service.js';
import { TextController } from './text.controller.js';

@Module({
  controllers: [TextController],
  providers: [
    {
      provide: FontRegistry,
      // One registry per process: it registers the bundled fonts with Skia and parses their cmaps once.
      useFactory: (config: AppConfig) => new FontRegistry(join(config.assets.dir, 'fonts')),
      inject: [APP_CONFIG],
    },
    TextLayersService,
  ],
  exports: [FontRegistry, TextLayersService],
})
export class TextModule {}
