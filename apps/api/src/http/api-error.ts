import { type HttpStatus } from '@nestjs/common';

/** The body of every error answer. `error` is a stable snake_case code; `message` is for humans. */
export interface ApiErrorBody {
  statusCode: HttpStatus;
  error: string;
  message: string;
  details?: unknown;
}
