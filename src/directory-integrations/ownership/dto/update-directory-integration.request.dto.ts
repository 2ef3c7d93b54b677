import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class UpdateDirectoryIntegrationRequestDto {
  @ApiProperty({
    description:
      'Whether a create from this source takes over an unmanaged user (created in the console or by a service) with ' +
      'the same userName instead of answering 409, and a change from it takes over the unmanaged user it names. Off by default.',
    example: true,
  })
  @IsBoolean()
  adoptUnmanagedUsers: boolean;
}
