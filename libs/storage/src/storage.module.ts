import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@reelforge/config';
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
  ],
  exports: [LocalStorage],
})
export class StorageModule {}
