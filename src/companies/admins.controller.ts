import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
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
  @ApiCreatedResponse({ type: CreatedAdminResponseDto, description: 'Super admins only; the key is shown once' })
  async create(@CurrentAdmin() actor: AdminPrincipal, @Body() body: CreateAdminRequestDto): Promise<CreatedAdminResponseDto> {
    const { admin, apiKey } = await this.admins.createAdmin(actor, body.email, body.role);
    return CreatedAdminResponseDto.withKey(admin, apiKey);
  }

  @Get()
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
  @ApiNoContentResponse({ description: 'Super admins only; the admin key stops working at once' })
  async revoke(@CurrentAdmin() actor: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.admins.revokeAdmin(actor, id);
  }
}
