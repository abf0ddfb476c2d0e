import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { join } from 'node:path';
import { LibraryCatalog } from './library-catalog.js';
import { LocalObjectStorage } from './local-object-storage.js';
import { MediaInputs } from './media-inputs.js';
import { ObjectStorage } from './object-storage.js';
import { S3ObjectStorage } from './s3-object-storage.js';
import { Scratch } from './scratch.js';
import { SignedLinks } from './signed-links.js';

/** The configured driver; a local root is created, an S3 bucket must exist (it is not created here). */
export async function createObjectStorage(config: AppConfig): Promise<ObjectStorage> {
  if (config.storage.driver === 's3' && config.storage.s3) return new S3ObjectStorage(config.storage.s3);
  const storage = new LocalObjectStorage(config.storage.mediaRoot);
  await storage.check();
  return storage;
}

@Global()
@Module({
  providers: [
    { provide: ObjectStorage, inject: [APP_CONFIG], useFactory: createObjectStorage },
    {
      provide: Scratch,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const scratch = new Scratch(config.storage.mediaRoot);
        await scratch.init();
        return scratch;
      },
    },
    {
      provide: MediaInputs,
      inject: [ObjectStorage, APP_CONFIG],
      useFactory: (storage: ObjectStorage, config: AppConfig) =>
        new MediaInputs(storage, join(config.storage.mediaRoot, 'cache')),
    },
    {
      provide: SignedLinks,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SignedLinks(config.signedUrls.secret),
    },
    {
      provide: LibraryCatalog,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LibraryCatalog(config.assets.dir),
    },
  ],
  exports: [ObjectStorage, Scratch, MediaInputs, SignedLinks, LibraryCatalog],
})
export class StorageModule {}
