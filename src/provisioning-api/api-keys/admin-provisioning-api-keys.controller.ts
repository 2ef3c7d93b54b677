import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { ApiAdminErrors, invalidUuid } from '../../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { DEFAULT_PAGE_SIZE, IdCursorPageQueryDto } from '../../common/pagination/id-cursor-page.query.dto';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { ApiKeyPageResponseDto, ApiKeyResponseDto, CreatedApiKeyResponseDto } from './dto/api-key.response.dto';
import { CreateApiKeyRequestDto } from './dto/create-api-key.request.dto';
import { ProvisioningApiKeysService } from './provisioning-api-keys.service';

@ApiTags('admin: directory integrations')
@AdminAuth()
@Controller('api/admin/directory-integrations/provisioning-api/keys')
export class AdminProvisioningApiKeysController {
  constructor(private readonly keys: ProvisioningApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a Provisioning API key',
    description:
      'A company API key for /api/v1 (`dpsprov_` and 256 random bits), `read-only` or `read-write`, creating the ' +
      'provisioning-api tab on first use. The key is shown only in this answer and stored as a hash. Any admin; audit-logged.',
  })
  @ApiJsonBody(CreateApiKeyRequestDto, {
    readWrite: { summary: 'A key for a provisioning script', value: { name: 'HR nightly sync', scope: 'read-write' } },
    readOnly: { summary: 'A key for a report', value: { name: 'Licence report', scope: 'read-only' } },
  })
  @ApiAdminErrors({ 400: 'Malformed JSON, or a missing or invalid name or scope (each named in details)' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto, description: 'The key is shown only in this response' })
  async create(@CurrentAdmin() actor: AdminPrincipal, @Body() body: CreateApiKeyRequestDto): Promise<CreatedApiKeyResponseDto> {
    const { key, secret } = await this.keys.createKey(actor, body.name, body.scope);
    return { ...ApiKeyResponseDto.from(key), key: secret };
  }

  @Get()
  @ApiOperation({
    summary: 'List the Provisioning API keys',
    description: "One page of the company's keys, revoked ones included, in id order; never the keys themselves. Any admin.",
  })
  @ApiAdminErrors({
    400: {
      description: 'A cursor that is not a UUID, an invalid limit, or an unknown query parameter',
      message: 'cursor must be a UUID',
      details: [{ field: 'cursor', problem: 'must be a UUID' }],
    },
  })
  @ApiOkResponse({ type: ApiKeyPageResponseDto })
  async list(@CurrentAdmin() actor: AdminPrincipal, @Query() query: IdCursorPageQueryDto): Promise<ApiKeyPageResponseDto> {
    const page = await this.keys.listKeys(actor, { cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return { items: page.items.map((key) => ApiKeyResponseDto.from(key)), nextCursor: page.nextCursor };
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a Provisioning API key',
    description: 'The key gets 401 from now on; revoking a revoked key changes nothing. Any admin; audit-logged.',
  })
  @ApiUuidParams('keyId')
  @ApiAdminErrors({
    400: invalidUuid('keyId'),
    404: { description: 'No such key in your company', message: 'Provisioning API key 6a1f4c2e-9b7d-4e3a-8f5c-1d2b3a4c5e6f not found' },
  })
  @ApiNoContentResponse({ description: 'The key gets 401 from now on' })
  async revoke(@CurrentAdmin() actor: AdminPrincipal, @Param('keyId', ParseUuidPipe) keyId: string): Promise<void> {
    await this.keys.revokeKey(actor, keyId);
  }
}
