import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
import { LibraryCatalog } from './library-catalog.js';
import { LocalStorage } from './local-storage.js';

@Global()
@Module({
  providers: [
    {
      provide: LocalStorage,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const storage = new LocalStorage(config.storage.mediaRoot);
        await storage.init();
        return storage;
      },
    },
    {
      provide: LibraryCatalog,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LibraryCatalog(config.assets.dir),
    },
  ],
  exports: [LocalStorage, LibraryCatalog],
})
export class StorageModule {}
