import { type HttpStatus } from '@nestjs/common';
import { type ApiErrorCode } from '@reelforge/contracts';

/** The body of every error answer. `error` is a stable snake_case code; `message` is for humans. */
export interface ApiErrorBody {
  statusCode: HttpStatus;
  error: `${ApiErrorCode}`;
  message: string;
  details?: unknown;
}
