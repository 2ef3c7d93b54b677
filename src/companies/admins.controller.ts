import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { AdminsService } from './admins.service';
import { DEFAULT_PAGE_SIZE, IdCursorPageQueryDto } from '../common/pagination/id-cursor-page.query.dto';
import { AdminPageResponseDto, AdminResponseDto, CreatedAdminResponseDto } from './dto/admin.response.dto';
import { CreateAdminRequestDto } from './dto/create-admin.request.dto';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

@ApiTags('admin: admins')
@AdminAuth()
@Controller('api/admin/admins')
export class AdminsController {
  constructor(private readonly admins: AdminsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an admin',
    description:
      'Adds an admin or super admin to your company and returns their admin API key. Super admins only. ' +
      'The key is shown only in this answer and stored as a hash: hand it over at once.',
  })
  @ApiJsonBody(CreateAdminRequestDto, {
    admin: { summary: 'An admin', value: { email: 'it-admin@acme.test', role: 'admin' } },
    superAdmin: { summary: 'A super admin', value: { email: 'cto@acme.test', role: 'super_admin' } },
  })
  @ApiAdminErrors({
    400: 'Malformed JSON, or a missing or invalid email or role (each named in details)',
    403: { description: 'You are not a super admin', message: 'Only a super admin can manage admins' },
    409: {
      description: 'An active admin of the company already has this email',
      message: 'An active admin with email it-admin@acme.test already exists',
    },
  })
  @ApiCreatedResponse({ type: CreatedAdminResponseDto, description: 'Super admins only; the key is shown once' })
  async create(@CurrentAdmin() actor: AdminPrincipal, @Body() body: CreateAdminRequestDto): Promise<CreatedAdminResponseDto> {
    const { admin, apiKey } = await this.admins.createAdmin(actor, body.email, body.role);
    return CreatedAdminResponseDto.withKey(admin, apiKey);
  }

  @Get()
  @ApiOperation({
    summary: 'List admins',
    description:
      "One page of your company's active admins and super admins in creation order, with the public prefix of each " +
      "one's newest API key. Pass `nextCursor` as `cursor` for the next page. Any admin.",
  })
  @ApiAdminErrors({
    400: {
      description: 'A cursor that is not a UUID, an invalid limit, or an unknown query parameter',
      message: 'cursor must be a UUID',
      details: [{ field: 'cursor', problem: 'must be a UUID' }],
    },
  })
  @ApiOkResponse({ type: AdminPageResponseDto, description: 'Active admins in creation order' })
  async list(@CurrentAdmin() actor: AdminPrincipal, @Query() query: IdCursorPageQueryDto): Promise<AdminPageResponseDto> {
    const page = await this.admins.listAdmins(actor, { cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return {
      items: page.items.map(({ admin, apiKeyPrefix }) => AdminResponseDto.from(admin, apiKeyPrefix)),
      nextCursor: page.nextCursor,
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an admin',
    description:
      "Revokes an admin of your company: their API key answers 401 from this moment. Super admins only; the company's " +
      'last super admin cannot be revoked.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    403: { description: 'You are not a super admin', message: 'Only a super admin can manage admins' },
    404: { description: 'No active admin with this id in your company', message: 'Admin not found' },
    409: {
      description: "The admin is the company's last super admin",
      code: 'invalid_state_transition',
      message: 'The last super admin of a company cannot be revoked',
    },
  })
  @ApiNoContentResponse({ description: 'Super admins only; the admin key stops working at once' })
  async revoke(@CurrentAdmin() actor: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.admins.revokeAdmin(actor, id);
  }
}
