import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export const MAX_PART_USERS = 5000;
export const MAX_PART_GROUPS = 1000;
export const MAX_PART_MEMBERSHIPS = 1000;
export const MAX_GROUP_MEMBERS = 50000;

export class SnapshotUserNameDto {
  @ApiPropertyOptional({ example: 'Ada' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  givenName?: string;

  @ApiPropertyOptional({ example: 'Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  familyName?: string;

  @ApiPropertyOptional({ example: 'King' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  middleName?: string;

  @ApiPropertyOptional({ example: 'Ada King Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  formatted?: string;
}

export class SnapshotEmailDto {
  @ApiProperty({ example: 'ada@acme.test' })
  @IsEmail()
  @MaxLength(320)
  value: string;

  @ApiPropertyOptional({ example: 'work' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  type?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

/** SCIM's enterprise manager: as identity providers send it, the manager's id in the directory. */
export class SnapshotManagerDto {
  @ApiProperty({ example: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', description: "The manager's id in the directory (their externalId)" })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  value: string;

  @ApiPropertyOptional({ example: 'Grace Hopper' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  displayName?: string;
}

/** The enterprise attributes a directory usually holds (SCIM's enterprise extension). */
export class SnapshotEnterpriseDto {
  @ApiPropertyOptional({ example: 'E1042' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  employeeNumber?: string;

  @ApiPropertyOptional({ example: 'Engineering' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  department?: string;

  @ApiPropertyOptional({ example: 'Research' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  division?: string;

  @ApiPropertyOptional({ example: 'Acme Ltd' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  organization?: string;

  @ApiPropertyOptional({ example: 'CC-310' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  costCenter?: string;

  @ApiPropertyOptional({ type: SnapshotManagerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SnapshotManagerDto)
  manager?: SnapshotManagerDto;
}

export class SnapshotUserDto {
  @ApiProperty({ example: 'ada@acme.test', description: 'Unique in the company, any case', minLength: 1, maxLength: 320 })
  @IsString()
  @Matches(/\S/, { message: 'userName must not be blank' })
  @MaxLength(320)
  userName: string;

  @ApiPropertyOptional({ example: 'ada@acme.test', description: 'Shorthand for one primary work email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ type: [SnapshotEmailDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SnapshotEmailDto)
  emails?: SnapshotEmailDto[];

  @ApiPropertyOptional({ example: '00u1a2b3c4', description: "The directory's id of the user: matched first", maxLength: 512 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  externalId?: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  displayName?: string;

  @ApiPropertyOptional({ example: true, default: true, description: 'false: the user is disabled' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: SnapshotUserNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SnapshotUserNameDto)
  name?: SnapshotUserNameDto;

  @ApiPropertyOptional({ example: 'Analyst' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  title?: string;

  @ApiPropertyOptional({ type: SnapshotEnterpriseDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SnapshotEnterpriseDto)
  enterprise?: SnapshotEnterpriseDto;
}

export class SnapshotGroupDto {
  @ApiProperty({ example: 'Engineering', minLength: 1, maxLength: 512 })
  @IsString()
  @Matches(/\S/, { message: 'displayName must not be blank' })
  @MaxLength(512)
  displayName: string;

  @ApiPropertyOptional({ example: 'cn=engineering,ou=groups', description: "The directory's id of the group: matched first" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  externalId?: string;

  @ApiPropertyOptional({
    example: ['00u1a2b3c4', 'grace@acme.test'],
    description: "Members, each by a snapshot user's externalId or userName",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_MEMBERS)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  members?: string[];
}

/** More members of a group of the snapshot, for a group too large for one part. */
export class SnapshotMembershipDto {
  @ApiProperty({ example: 'cn=engineering,ou=groups', description: "The group's externalId or displayName" })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  group: string;

  @ApiProperty({ example: ['00u5d6e7f8'], description: "Members, each by a snapshot user's externalId or userName" })
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_MEMBERS)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  members: string[];
}

export class SnapshotPartRequestDto {
  @ApiPropertyOptional({ type: [SnapshotUserDto], maxItems: MAX_PART_USERS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PART_USERS)
  @ValidateNested({ each: true })
  @Type(() => SnapshotUserDto)
  users?: SnapshotUserDto[];

  @ApiPropertyOptional({ type: [SnapshotGroupDto], maxItems: MAX_PART_GROUPS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PART_GROUPS)
  @ValidateNested({ each: true })
  @Type(() => SnapshotGroupDto)
  groups?: SnapshotGroupDto[];

  @ApiPropertyOptional({ type: [SnapshotMembershipDto], maxItems: MAX_PART_MEMBERSHIPS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PART_MEMBERSHIPS)
  @ValidateNested({ each: true })
  @Type(() => SnapshotMembershipDto)
  memberships?: SnapshotMembershipDto[];
}
