import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard.js';
import { MasterKeyGuard } from './master-key.guard.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisModule } from './redis.provider.js';

@Global()
@Module({
  imports: [RedisModule],
  providers: [ApiKeyGuard, MasterKeyGuard, RateLimiter],
  exports: [ApiKeyGuard, MasterKeyGuard, RateLimiter],
})
export class AuthModule {}
