import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { CHANGE_EVENT_TYPES } from '../../change-event';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const URL_MESSAGE = 'url must be an http:// or https:// URL';

export class CreateWebhookRequestDto {
  @ApiProperty({ example: 'https://hooks.acme.test/directory', maxLength: 2048 })
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({
    enum: CHANGE_EVENT_TYPES,
    isArray: true,
    description: 'Event types to deliver; empty or absent: all',
    example: ['user.disabled', 'user.deleted'],
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(CHANGE_EVENT_TYPES.length)
  @IsIn(CHANGE_EVENT_TYPES, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: 'Vault: revoke sessions on deprovisioning', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookRequestDto {
  @ApiPropertyOptional({ example: 'https://hooks.acme.test/directory/v2', maxLength: 2048 })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: URL_MESSAGE })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: CHANGE_EVENT_TYPES, isArray: true, description: 'Event types to deliver; empty: all' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(CHANGE_EVENT_TYPES.length)
  @IsIn(CHANGE_EVENT_TYPES, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    description: 'false pauses deliveries; true resumes them (also after an automatic disable) with the next undelivered event',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
