import { Controller, Get, HttpStatus, Res, UseGuards } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { MasterKeyGuard } from '../auth/master-key.guard.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { HealthService } from './health.service.js';

/**
 * Public probes for load balancers and orchestrators. They say whether each check passed and nothing
 * more: versions, free space, worker ids and running job ids are for the admin view below.
 */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: '`{status, checks}`: database, Redis, ffmpeg and disk are usable (`ok` each).' })
  @ApiServiceUnavailableResponse({ description: 'At least one check failed; `checks` names it (`failed`).' })
  async ready(@Res() response: Response): Promise<void> {
    const report = await this.health.report();
    const checks = Object.fromEntries(
      Object.entries(report.checks).map(([name, result]) => [name, result.ok ? 'ok' : 'failed']),
    );
    response
      .status(report.ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: report.ok ? 'ok' : 'unavailable', checks });
  }
}

@ApiTags('Admin')
@ApiSecurity('master-key')
@ApiHeader({ name: 'X-Master-Key', required: true, description: 'The MASTER_KEY of this deployment.' })
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing or wrong master key' })
@UseGuards(MasterKeyGuard)
@Controller('v1/admin/health')
export class AdminHealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({
    description:
      'Every readiness check with its detail (ffmpeg and ffprobe versions, free disk, errors) and what each live ' +
      'worker published: id, readiness, why it is paused, running job ids, circuit-breaker states. 200 even when ' +
      'a check fails: this is a report, not a probe.',
  })
  async detail(): Promise<{ status: 'ok' | 'unavailable' } & Omit<Awaited<ReturnType<HealthService['report']>>, 'ok'>> {
    const { ok, ...rest } = await this.health.report();
    return { status: ok ? 'ok' : 'unavailable', ...rest };
  }
}
