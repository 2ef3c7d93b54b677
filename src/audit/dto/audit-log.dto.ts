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
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['admin', 'integration', 'service', 'system'] })
  actorType: string;

  @ApiProperty({ nullable: true, description: 'Admin id, integration id or service name' })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The acting admin’s email at the time; null for other actors' })
  actorEmail: string | null;

  @ApiProperty({ example: 'user.disable' })
  action: string;

  @ApiProperty({ nullable: true })
  targetType: string | null;

  @ApiProperty({ nullable: true })
  targetId: string | null;

  @ApiProperty({ type: Object })
  details: Record<string, unknown>;

  @ApiProperty()
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

  @ApiProperty({ nullable: true })
  nextCursor: string | null;
}
