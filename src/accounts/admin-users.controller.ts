import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { AccountActor, AccountsService } from './accounts.service';
import { AdminUserPageDto, AdminUserResponseDto } from './dto/admin-user.response.dto';
import { ListUsersQueryDto } from './dto/list-users.query.dto';
import { MasterPasswordResetResponseDto } from './dto/master-password-reset.response.dto';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { LifecycleEvent } from './user-lifecycle';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin: users')
@AdminAuth()
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: MasterPasswordResetsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: AdminUserPageDto })
  async list(@CurrentAdmin() admin: AdminPrincipal, @Query() query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.accounts.listUsersForAdmin(admin.companyId, {
      state: query.state,
      text: query.q,
      groupId: query.group,
      afterId: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => AdminUserResponseDto.from(row)),
      nextCursor: rows.length > limit ? page[page.length - 1].user.id : null,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: AdminUserResponseDto })
  async get(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    const row = await this.accounts.getUserForAdmin(admin.companyId, id);
    return AdminUserResponseDto.from(row, await this.accounts.groupsOfUser(admin.companyId, id));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdminUserResponseDto,
    description: 'A user disabled already is answered as it is (no change, no audit entry); 409 when deleted',
  })
  disable(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    return this.transition(admin, id, LifecycleEvent.Disable);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdminUserResponseDto,
    description: 'A user enabled already (provisioned or active) is answered as it is (no change, no audit entry); 409 when deleted',
  })
  enable(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    return this.transition(admin, id, LifecycleEvent.Enable);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The user leaves its groups and moves to deleted; 409 when already deleted' })
  async delete(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.accounts.transitionUser(admin.companyId, id, LifecycleEvent.Delete, actorOf(admin));
  }

  @Post(':id/master-password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: MasterPasswordResetResponseDto,
    description:
      'A pending reset for the vault service. Only a super admin holding the master-password-reset policy, ' +
      'only for an active user who is not a super admin (403/409 with the reason otherwise)',
  })
  async requestMasterPasswordReset(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<MasterPasswordResetResponseDto> {
    return MasterPasswordResetResponseDto.from(await this.resets.requestReset(admin, id));
  }

  private async transition(admin: AdminPrincipal, id: string, event: LifecycleEvent): Promise<AdminUserResponseDto> {
    await this.accounts.transitionUser(admin.companyId, id, event, actorOf(admin));
    return AdminUserResponseDto.from(await this.accounts.getUserForAdmin(admin.companyId, id));
  }
}

function actorOf(admin: AdminPrincipal): AccountActor {
  return { type: 'admin', id: admin.adminId, email: admin.email };
}
