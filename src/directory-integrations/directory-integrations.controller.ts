import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors, ErrorAnswer } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DirectoryIntegrationsService } from './directory-integrations.service';
import { ProvisioningTokensService } from './provisioning-tokens/provisioning-tokens.service';
import { wholeList } from '../common/pagination/page';
import { DirectoryIntegrationPageResponseDto, DirectoryIntegrationResponseDto } from './dto/directory-integration.response.dto';
import { IssuedProvisioningTokenResponseDto } from './provisioning-tokens/dto/issued-provisioning-token.response.dto';
import { ParseDirectoryProviderPipe } from './parse-directory-provider.pipe';
import { DirectoryOwnershipService } from './ownership/directory-ownership.service';
import { TransferOwnershipRequestDto } from './ownership/dto/transfer-ownership.request.dto';
import { OwnershipTransferResponseDto } from './ownership/dto/ownership-transfer.response.dto';
import { UpdateDirectoryIntegrationRequestDto } from './ownership/dto/update-directory-integration.request.dto';

const PROVIDER_PARAM = { name: 'provider', enum: DirectoryProvider };
const UNKNOWN_PROVIDER: ErrorAnswer = {
  description: 'Unknown provider (any case is accepted); the message lists the valid ones',
  code: 'invalid_input',
  message: "unknown provider 'azure-ad'; valid: okta, entra-id, onelogin, pingone, google-workspace, jumpcloud, generic, provisioning-api",
};

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/directory-integrations')
export class DirectoryIntegrationsController {
  constructor(
    private readonly integrations: DirectoryIntegrationsService,
    private readonly tokens: ProvisioningTokensService,
    private readonly ownership: DirectoryOwnershipService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List the directory integration tabs',
    description:
      'One tab per identity provider, whether used yet or not, all on one page: the SCIM base URL, the provisioning ' +
      'token status (never the token), the last sync time, what was provisioned through it, recent failures, ' +
      "warnings, and the fields to fill in the provider's own form. Any admin.",
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: DirectoryIntegrationPageResponseDto, description: 'One tab per provider, on one page' })
  async list(@CurrentAdmin() actor: AdminPrincipal): Promise<DirectoryIntegrationPageResponseDto> {
    const tabs = await this.integrations.listTabs(actor);
    return wholeList(tabs.map((tab) => DirectoryIntegrationResponseDto.from(tab, this.integrations)));
  }

  @Get(':provider')
  @ApiOperation({
    summary: 'Read one directory integration tab',
    description: "One provider's tab, as in the list. Any admin.",
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiAdminErrors({ 400: UNKNOWN_PROVIDER })
  @ApiOkResponse({ type: DirectoryIntegrationResponseDto })
  async get(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<DirectoryIntegrationResponseDto> {
    return DirectoryIntegrationResponseDto.from(await this.integrations.getTab(actor, provider), this.integrations);
  }

  @Patch(':provider')
  @ApiOperation({
    summary: 'Change a directory integration tab’s settings',
    description:
      '`adoptUnmanagedUsers` (off by default): whether this source takes over unmanaged users (created in the console ' +
      'or by a service) with the same userName, instead of a 409 on create and a skipped change (docs/ownership.md). ' +
      'Creates the integration on first use. Any admin; a change is audit-logged.',
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiJsonBody(UpdateDirectoryIntegrationRequestDto, {
    adopt: { summary: 'Take over unmanaged users with the same userName', value: { adoptUnmanagedUsers: true } },
  })
  @ApiAdminErrors({ 400: UNKNOWN_PROVIDER })
  @ApiOkResponse({ type: DirectoryIntegrationResponseDto, description: 'The tab with its new settings' })
  async update(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
    @Body() body: UpdateDirectoryIntegrationRequestDto,
  ): Promise<DirectoryIntegrationResponseDto> {
    await this.ownership.setAdoptUnmanagedUsers(actor, provider, body.adoptUnmanagedUsers);
    return DirectoryIntegrationResponseDto.from(await this.integrations.getTab(actor, provider), this.integrations);
  }

  @Post(':provider/transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Transfer a tab’s users and groups to another tab',
    description:
      'Moves every user and group this tab manages to `toProvider` in one transaction (moving from Okta to Entra ID): ' +
      'from then on only the new tab’s provider changes them. Its lookups by userName find them, and its first PATCH ' +
      'sets its own externalId; writes from the old tab are answered and skipped. Nothing a provider or an event ' +
      'consumer sees of the users changes, so no change event is emitted. Any admin; audit-logged with the counts.',
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiJsonBody(TransferOwnershipRequestDto, {
    oktaToEntra: { summary: "POST .../okta/transfer: Entra ID manages Okta's users and groups", value: { toProvider: 'entra-id' } },
  })
  @ApiAdminErrors({
    400: { description: 'Unknown provider, or the same tab', message: 'toProvider must be another tab than okta' },
  })
  @ApiOkResponse({ type: OwnershipTransferResponseDto })
  async transfer(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
    @Body() body: TransferOwnershipRequestDto,
  ): Promise<OwnershipTransferResponseDto> {
    return OwnershipTransferResponseDto.from(await this.ownership.transfer(actor, provider, body.toProvider));
  }

  @Post(':provider/token')
  @ApiOperation({
    summary: 'Create a provisioning token',
    description:
      "Issues the provider's first provisioning token (the console's *Create provisioning token*), creating the " +
      'integration on first use. The token is shown only in this answer: paste it into the provider at once. ' +
      '`warnings` says when no super admin may reset master passwords yet. Any admin; audit-logged.',
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiAdminErrors({
    400: UNKNOWN_PROVIDER,
    409: {
      description: 'The tab already has a token: reset it instead',
      message: 'Okta already has a provisioning token (dpsscim_Xy3kPq…); reset it to get a new one',
    },
  })
  @ApiCreatedResponse({ type: IssuedProvisioningTokenResponseDto, description: 'The token is shown only in this response' })
  async createToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<IssuedProvisioningTokenResponseDto> {
    return IssuedProvisioningTokenResponseDto.from(await this.tokens.createToken(actor, provider), this.integrations.scimBaseUrl);
  }

  @Post(':provider/token/reset')
  @ApiOperation({
    summary: 'Reset the provisioning token',
    description:
      "Replaces the provider's token (or issues the first one): the previous token gets 401 from the moment this " +
      'answer is sent, on every instance. Update the provider right away. Any admin; audit-logged.',
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiAdminErrors({ 400: UNKNOWN_PROVIDER })
  @ApiCreatedResponse({
    type: IssuedProvisioningTokenResponseDto,
    description: 'A new token, shown only in this response; the previous one gets 401 from now on',
  })
  async resetToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<IssuedProvisioningTokenResponseDto> {
    return IssuedProvisioningTokenResponseDto.from(await this.tokens.resetToken(actor, provider), this.integrations.scimBaseUrl);
  }

  @Delete(':provider/token')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke the provisioning token',
    description:
      "Revokes the provider's token without issuing another: SCIM requests with it get 401 from now on and " +
      'provisioning from that provider stops. Any admin; audit-logged.',
  })
  @ApiParam(PROVIDER_PARAM)
  @ApiAdminErrors({
    400: UNKNOWN_PROVIDER,
    404: { description: 'The tab has no token', message: 'Provisioning token of Okta not found' },
  })
  @ApiNoContentResponse({ description: 'The token gets 401 from now on' })
  async revokeToken(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('provider', ParseDirectoryProviderPipe) provider: DirectoryProvider,
  ): Promise<void> {
    await this.tokens.revokeToken(actor, provider);
  }
}
