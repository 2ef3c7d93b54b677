import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MasterPasswordReset, MasterPasswordResetStatus } from '../entities/master-password-reset.entity';

export class MasterPasswordResetResponseDto {
  @ApiProperty({ format: 'uuid', example: '9a4c1e7b-3f2d-4e8a-b6c5-1d7f9e2a4b3c' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  userId: string;

  @ApiPropertyOptional({
    description: 'The userName (email) of the user, for the vault service',
    example: 'alice@acme.test',
  })
  userName?: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The super admin who asked',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  requestedBy: string;

  @ApiProperty({ enum: MasterPasswordResetStatus })
  status: MasterPasswordResetStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:12:00.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T10:12:00.000Z' })
  expiresAt: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null })
  completedAt: string | null;

  static from(reset: MasterPasswordReset, userName?: string): MasterPasswordResetResponseDto {
    return {
      id: reset.id,
      userId: reset.userId,
      ...(userName !== undefined ? { userName } : {}),
      requestedBy: reset.requestedBy,
      status: reset.status,
      createdAt: reset.createdAt.toISOString(),
      expiresAt: reset.expiresAt.toISOString(),
      completedAt: reset.completedAt?.toISOString() ?? null,
    };
  }
}

export class MasterPasswordResetPageResponseDto {
  @ApiProperty({ type: [MasterPasswordResetResponseDto] })
  items: MasterPasswordResetResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last one',
    example: null,
  })
  nextCursor: string | null;
}
