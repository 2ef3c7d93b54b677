import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MasterPasswordReset, MasterPasswordResetStatus } from '../entities/master-password-reset.entity';

export class MasterPasswordResetResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiPropertyOptional({ description: 'The userName (email) of the user, for the vault service' })
  userName?: string;

  @ApiProperty({ format: 'uuid', description: 'The super admin who asked' })
  requestedBy: string;

  @ApiProperty({ enum: MasterPasswordResetStatus })
  status: MasterPasswordResetStatus;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  expiresAt: string;

  @ApiProperty({ nullable: true })
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

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
