import { ApiProperty } from '@nestjs/swagger';
import { IsKnownValue } from '../../../common/validation/known-value';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../../../common/auth/directory-provider';

export class TransferOwnershipRequestDto {
  @ApiProperty({
    enum: DirectoryProvider,
    description: 'The tab that manages the users and groups from now on; any case',
    example: 'entra-id',
  })
  @IsKnownValue(ALL_DIRECTORY_PROVIDERS)
  toProvider: DirectoryProvider;
}
