import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AuditLogEntry } from '../entities/audit-log-entry.entity';

export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditLogEntryDto {
  @ApiProperty({ example: '9172' })
  id: string;

  @ApiProperty({ enum: ['admin', 'integration', 'service', 'system'] })
  actorType: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Admin id, integration id or service name',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  actorId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The acting admin’s email at the time; null for other actors',
    example: 'owner@acme.test',
  })
  actorEmail: string | null;

  @ApiProperty({ example: 'user.disable' })
  action: string;

  @ApiProperty({ type: String, nullable: true, example: 'user' })
  targetType: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  targetId: string | null;

  @ApiProperty({ type: Object, additionalProperties: true, example: { userName: 'alice@acme.test', from: 'active', to: 'disabled' } })
  details: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:05:40.000Z' })
  createdAt: string;

  static from(entry: AuditLogEntry): AuditLogEntryDto {
    return {
      id: String(entry.id),
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorEmail: entry.actorEmail,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
      createdAt: entry.createdAt.toISOString(),
    };
  }
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogEntryDto] })
  items: AuditLogEntryDto[];

  @ApiProperty({ type: String, nullable: true, example: '9172' })
  nextCursor: string | null;
}
