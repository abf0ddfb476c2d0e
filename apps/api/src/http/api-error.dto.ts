import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiErrorDto {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated for clients that lose it.' })
  statusCode!: number;

  @ApiProperty({ example: 'invalid_input', description: 'A stable snake_case code to branch on.' })
  error!: string;

  @ApiProperty({ example: 'end must be greater than start', description: 'What went wrong, for humans.' })
  message!: string;

  @ApiPropertyOptional({ description: 'Structured specifics, e.g. the fields that failed validation.' })
  details?: unknown;
}
