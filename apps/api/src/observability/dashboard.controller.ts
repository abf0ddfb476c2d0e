import { Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiProperty,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { MasterKeyGuard } from '../auth/master-key.guard.js';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { DASHBOARD_PATH, DashboardSessions, sessionCookie } from './dashboard-sessions.js';

export class DashboardSessionDto {
  @ApiProperty({
    description:
      'Open this in a browser within 60 seconds: it sets the dashboard cookie and redirects to /admin/queues. ' +
      'Relative to the API base URL. Treat it as a secret until it expires.',
    example: '/admin/queues/login?token=login.1767225600.abc',
  })
  loginUrl!: string;

  @ApiProperty({ description: 'When the session cookie set by this response (and by the link) expires.' })
  sessionExpiresAt!: string;
}

@ApiTags('Admin')
@ApiSecurity('master-key')
@ApiHeader({ name: 'X-Master-Key', required: true, description: 'The MASTER_KEY of this deployment.' })
@ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing or wrong master key' })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Caller IP not in MASTER_IPS' })
@UseGuards(MasterKeyGuard)
@Controller('v1/admin/dashboard')
export class DashboardController {
  constructor(private readonly sessions: DashboardSessions) {}

  @Post('session')
  @ApiCreatedResponse({
    type: DashboardSessionDto,
    description:
      'A short-lived login link for the queue dashboard (bull-board at /admin/queues); the response also sets ' +
      'the HttpOnly session cookie, for clients that keep cookies.',
  })
  createSession(@Req() request: Request, @Res({ passthrough: true }) response: Response): DashboardSessionDto {
    const login = this.sessions.issue('login');
    const session = this.sessions.issue('session');
    response.setHeader('Set-Cookie', sessionCookie(session.token, this.sessions.sessionTtlSec, request.secure));
    response.setHeader('Cache-Control', 'no-store');
    return {
      loginUrl: `${DASHBOARD_PATH}/login?token=${login.token}`,
      sessionExpiresAt: session.expiresAt.toISOString(),
    };
  }
}
