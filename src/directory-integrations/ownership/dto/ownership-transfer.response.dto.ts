import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../../../common/auth/directory-provider';
import { OwnershipTransfer } from '../directory-ownership.service';

export class OwnershipTransferResponseDto {
  @ApiProperty({ enum: DirectoryProvider, example: 'okta' })
  fromProvider: DirectoryProvider;

  @ApiProperty({ enum: DirectoryProvider, example: 'entra-id' })
  toProvider: DirectoryProvider;

  @ApiProperty({ description: 'Users moved to the new tab, deleted ones excluded', example: 1250 })
  users: number;

  @ApiProperty({ description: 'Groups moved to the new tab, with their membership', example: 42 })
  groups: number;

  static from(transfer: OwnershipTransfer): OwnershipTransferResponseDto {
    return { fromProvider: transfer.fromProvider, toProvider: transfer.toProvider, users: transfer.users, groups: transfer.groups };
  }
}
