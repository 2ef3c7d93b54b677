import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsFQDN,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DeprovisionAction } from '../../directory-sync/entities/directory-sync-settings.entity';
import { GoogleScopeKind } from '../entities/google-workspace-connection.entity';
import { MAX_KEY_FILE_LENGTH } from '../service-account-key';

const SCOPE_KINDS: GoogleScopeKind[] = ['all', 'groups', 'org_units'];
const ACTIONS: DeprovisionAction[] = ['disable', 'delete'];
export const MAX_SCOPE_VALUES = 100;

export class UploadServiceAccountKeyRequestDto {
  @ApiProperty({
    description: "The service account's JSON key file, as Google's console downloads it (its text). Never shown again.",
    example:
      '{"type":"service_account","client_email":"dps-sync@acme.iam.gserviceaccount.com","private_key_id":"…","private_key":"-----BEGIN PRIVATE KEY-----…"}',
    maxLength: MAX_KEY_FILE_LENGTH,
  })
  @IsString()
  @MaxLength(MAX_KEY_FILE_LENGTH)
  serviceAccountKey: string;
}

export class GoogleScopeDto {
  @ApiProperty({ enum: SCOPE_KINDS, example: 'groups', description: 'all users, the members of chosen groups, or chosen org units' })
  @IsIn(SCOPE_KINDS)
  kind: GoogleScopeKind;

  @ApiPropertyOptional({
    type: [String],
    example: ['engineering@acme.test'],
    description: 'groups: group emails or ids; org_units: org unit paths ("/Sales"), sub-units included; all: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_VALUES)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  @Matches(/\S/, { each: true, message: 'scope values must not be blank' })
  values?: string[];
}

export class UpdateGoogleWorkspaceRequestDto {
  @ApiPropertyOptional({ example: 'it-admin@acme.test', description: 'The Google Workspace admin the service account acts as' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  adminEmail?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'C03az79cb',
    description: 'The Workspace customer id (or my_customer); used rather than the domain when both are set',
  })
  @ValidateIf((body: UpdateGoogleWorkspaceRequestDto) => body.customerId !== undefined && body.customerId !== null)
  @Matches(/^(my_customer|C[0-9a-z]{4,20})$/i, { message: 'customerId must be a Google customer id such as C03az79cb, or my_customer' })
  customerId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'acme.test',
    description: 'The primary domain, when no customer id is set',
  })
  @ValidateIf((body: UpdateGoogleWorkspaceRequestDto) => body.domain !== undefined && body.domain !== null)
  @IsFQDN({ require_tld: false })
  @MaxLength(255)
  domain?: string | null;

  @ApiPropertyOptional({ type: GoogleScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GoogleScopeDto)
  scope?: GoogleScopeDto;

  @ApiPropertyOptional({
    example: 60,
    minimum: 0,
    maximum: 10080,
    description: 'Minutes between scheduled runs (5 at least); 0: no schedule',
  })
  @IsOptional()
  @IsInt()
  @Max(10080)
  @ValidateIf((body: UpdateGoogleWorkspaceRequestDto) => body.scheduleMinutes !== 0)
  @Min(5, { message: 'scheduleMinutes must be 0 (no schedule) or at least 5' })
  scheduleMinutes?: number;

  @ApiPropertyOptional({ enum: ACTIONS, example: 'disable', description: 'What happens to a user gone from the scope' })
  @IsOptional()
  @IsIn(ACTIONS)
  deprovisionAction?: DeprovisionAction;

  @ApiPropertyOptional({
    example: 10,
    minimum: 0,
    maximum: 100,
    description: 'A run that would take access from more than this percentage of the users the tab manages is held',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxDeletePercent?: number;
}
