import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DeprovisionAction } from '../entities/directory-sync-settings.entity';
import { SourceSettings } from '../directory-sync-settings.service';

const ACTIONS: DeprovisionAction[] = ['disable', 'delete'];

export class UpdateSyncSettingsRequestDto {
  @ApiPropertyOptional({ enum: ACTIONS, example: 'disable', description: 'What happens to a user missing from a snapshot' })
  @IsOptional()
  @IsIn(ACTIONS)
  deprovisionAction?: DeprovisionAction;

  @ApiPropertyOptional({
    example: 10,
    minimum: 0,
    maximum: 100,
    description: 'A snapshot that would take access from more than this percentage of the users the source manages is held',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxDeletePercent?: number;
}

export class SyncSettingsResponseDto {
  @ApiProperty({ format: 'uuid', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  integrationId: string;

  @ApiProperty({ enum: ACTIONS, example: 'disable' })
  deprovisionAction: DeprovisionAction;

  @ApiProperty({ example: 10 })
  maxDeletePercent: number;

  @ApiProperty({ type: String, nullable: true, description: 'null: never changed, the defaults apply', example: null })
  updatedAt: string | null;

  static from(settings: SourceSettings): SyncSettingsResponseDto {
    return {
      integrationId: settings.integrationId,
      deprovisionAction: settings.deprovisionAction,
      maxDeletePercent: settings.maxDeletePercent,
      updatedAt: settings.updatedAt?.toISOString() ?? null,
    };
  }
}
