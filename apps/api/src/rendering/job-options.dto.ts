import { ApiPropertyOptional } from '@nestjs/swagger';
import { JobPriority } from '@reelforge/contracts';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '@reelforge/net';
import { IsEnum, IsOptional, IsString, registerDecorator, type ValidationArguments } from 'class-validator';

/** class-validator check with webhookUrlProblem's wording, shared by operations and tenant settings. */
export function IsWebhookUrl(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && webhookUrlProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} ${typeof args?.value === 'string' ? webhookUrlProblem(args.value) : 'must be a URL'}`,
      },
    });
  };
}

/** What every operation accepts besides its own fields: how urgent it is, and where to report the outcome. */
export class JobOptionsDto {
  @ApiPropertyOptional({
    enum: JobPriority,
    enumName: 'JobPriority',
    default: JobPriority.Normal,
    description: 'Within a job type, higher priorities run first; equal priorities run oldest first.',
  })
  @IsOptional()
  @IsEnum(JobPriority)
  priority: JobPriority = JobPriority.Normal;

  @ApiPropertyOptional({
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://example.com/hooks/reelforge',
    description:
      "POSTed the job body, signed, when the job ends (succeeded, failed, canceled); default the tenant's webhook URL. " +
      'Private, loopback and link-local targets are refused at delivery.',
  })
  @IsOptional()
  @IsString()
  @IsWebhookUrl()
  webhookUrl?: string;
}
