import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const MAX_MEMBERS_PER_REQUEST = 10_000;

export class CreateApiGroupRequestDto {
  @ApiProperty({ description: 'Unique in the company, in any case', example: 'Engineering', maxLength: 512 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  displayName: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Your system's id of the group", example: 'dept-eng', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  externalId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'User ids of the first members', example: ['0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

/** A rename (or a new externalId): a field left out stays as it is. */
export class UpdateApiGroupRequestDto {
  @ApiPropertyOptional({ example: 'Platform Engineering', maxLength: 512 })
  @ValidateIf((body: UpdateApiGroupRequestDto) => body.displayName !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'dept-eng', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  externalId?: string | null;
}

export class GroupMembersRequestDto {
  @ApiProperty({
    type: [String],
    description: `Up to ${MAX_MEMBERS_PER_REQUEST} user ids`,
    example: ['0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d'],
  })
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS_PER_REQUEST)
  @IsUUID('all', { each: true })
  userIds: string[];
}
