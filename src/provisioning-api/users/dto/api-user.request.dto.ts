import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** The profile fields a user is created or updated with; null clears one. */
abstract class ApiUserProfileDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: "Your system's id of the user", example: 'hr-10042', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  externalId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Alice Martin', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  displayName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Alice', maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  givenName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Martin', maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  familyName?: string | null;
}

/** A new user; also one item of a batch upsert, where the email finds the user to update. */
export class CreateApiUserRequestDto extends ApiUserProfileDto {
  @ApiProperty({ description: 'The login email (userName), unique in the company in any case', example: 'alice@acme.test', maxLength: 320 })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({
    description: 'false creates the user disabled; in a batch upsert, disables or re-enables an existing user. Default true on create',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** A partial update: a field left out stays as it is, null clears it. */
export class UpdateApiUserRequestDto extends ApiUserProfileDto {
  @ApiPropertyOptional({ description: 'A new login email', example: 'alice.martin@acme.test', maxLength: 320 })
  @ValidateIf((body: UpdateApiUserRequestDto) => body.email !== undefined)
  @IsEmail()
  @MaxLength(320)
  email?: string;
}
