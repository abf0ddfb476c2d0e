import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiErrorCode } from '@reelforge/contracts';

export class ApiErrorDto {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated for clients that lose it.' })
  statusCode!: number;

  @ApiProperty({
    enum: ApiErrorCode,
    enumName: 'ErrorCode',
    example: ApiErrorCode.InvalidInput,
    description: 'A stable code to branch on; the whole list, with statuses, is in docs/input-rules.md.',
  })
  error!: ApiErrorCode;

  @ApiProperty({ example: 'end must be greater than start', description: 'What went wrong, for humans.' })
  message!: string;

  @ApiPropertyOptional({ description: 'Structured specifics, e.g. the fields that failed validation.' })
  details?: unknown;
}
