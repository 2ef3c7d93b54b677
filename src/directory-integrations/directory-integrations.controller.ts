import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { DirectoryProvider } from './directory-provider';
import { DirectoryIntegrationsService } from './directory-integrations.service';
import { wholeList } from '../common/pagination/page';
import { DirectoryIntegrationPageResponseDto, DirectoryIntegrationResponseDto } from './dto/directory-integration.response.dto';
import { IssuedProvisioningTokenResponseDto } from './dto/issued-provisioning-token.response.dto';
import { ParseDirectoryProviderPipe } from './parse-directory-provider.pipe';

const PROVIDER_PARAM = { name: 'provider', enum: DirectoryProvider };

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/directory-integrations')
export class DirectoryIntegrationsController {
  constructor(private readonly integrations: DirectoryIntegrationsService) {}

  @Get()
  @ApiOkResponse({ type: DirectoryIntegrationPageResponseDto, description: 'One tab per provider, on one page' })
  async list(@CurrentAdmin() actor: AdminPrincipal): Promise<DirectoryIntegrationPageResponseDto> {
    const tabs = await this.integrations.listTabs(actor);
    return wholeList(tabs.map((tab) => DirectoryIntegrationResponseDto.from(tab, this.integrations.scimBaseUrl)));
  }

  @Get(':provider')
  @ApiParam(PROVIDER_PARAM)
  @ApiOkResponse({ type: DirectoryIntegrationResponseDto })
  @ApiBadRequestResponse({ description: 'Unknown provider; the message lists the valid ones' })
  async get(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<DirectoryIntegrationResponseDto> {
    return DirectoryIntegrationResponseDto.from(await this.integrations.getTab(actor, provider), this.integrations.scimBaseUrl);
  }

  @Post(':provider/token')
  @ApiParam(PROVIDER_PARAM)
  @ApiCreatedResponse({ type: IssuedProvisioningTokenResponseDto, description: 'The token is shown only in this response' })
  @ApiConflictResponse({ description: 'The integration already has a token: reset it instead' })
  async createToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<IssuedProvisioningTokenResponseDto> {
    return IssuedProvisioningTokenResponseDto.from(
      await this.integrations.createToken(actor, provider),
      this.integrations.scimBaseUrl,
    );
  }

  @Post(':provider/token/reset')
  @ApiParam(PROVIDER_PARAM)
  @ApiCreatedResponse({
    type: IssuedProvisioningTokenResponseDto,
    description: 'A new token, shown only in this response; the previous one gets 401 from now on',
  })
  async resetToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<IssuedProvisioningTokenResponseDto> {
    return IssuedProvisioningTokenResponseDto.from(
      await this.integrations.resetToken(actor, provider),
      this.integrations.scimBaseUrl,
    );
  }

  @Delete(':provider/token')
  @HttpCode(204)
  @ApiParam(PROVIDER_PARAM)
  @ApiNoContentResponse({ description: 'The token gets 401 from now on' })
  @ApiNotFoundResponse({ description: 'No token to revoke' })
  async revokeToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<void> {
    await this.integrations.revokeToken(actor, provider);
  }
}
