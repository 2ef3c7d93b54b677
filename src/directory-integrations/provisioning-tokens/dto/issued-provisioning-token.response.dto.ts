import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../../../common/auth/directory-provider';
import { IssuedProvisioningToken } from '../provisioning-tokens.service';

export class IssuedProvisioningTokenResponseDto {
  @ApiProperty({ enum: DirectoryProvider })
  provider: DirectoryProvider;

  @ApiProperty({
    description: 'The provisioning token (dpsscim_...), shown only in this response',
    example: 'dpsscim_EXAMPLE0example0EXAMPLE0example0EXAMPLE0exa',
  })
  token: string;

  @ApiProperty({ description: 'Public start of the token, shown on the tab from now on', example: 'dpsscim_Xy3kPq' })
  tokenPrefix: string;

  @ApiProperty({ example: 'https://dps.example.com/scim/v2' })
  scimBaseUrl: string;

  @ApiProperty({
    type: [String],
    description: 'For the console to show, e.g. when no super admin may reset master passwords',
    example: [],
  })
  warnings: string[];

  static from(issued: IssuedProvisioningToken, scimBaseUrl: string): IssuedProvisioningTokenResponseDto {
    return {
      provider: issued.provider,
      token: issued.token,
      tokenPrefix: issued.tokenPrefix,
      scimBaseUrl,
      warnings: issued.warnings,
    };
  }
}
