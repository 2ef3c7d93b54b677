import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { AdminsService } from './admins.service';
import { AdminResponseDto, CreatedAdminResponseDto } from './dto/admin.response.dto';
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
  @ApiOkResponse({ type: [AdminResponseDto] })
  async list(@CurrentAdmin() actor: AdminPrincipal): Promise<AdminResponseDto[]> {
    return (await this.admins.listAdmins(actor)).map(({ admin, apiKeyPrefix }) => AdminResponseDto.from(admin, apiKeyPrefix));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Super admins only; the admin key stops working at once' })
  async revoke(@CurrentAdmin() actor: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.admins.revokeAdmin(actor, id);
  }
}
