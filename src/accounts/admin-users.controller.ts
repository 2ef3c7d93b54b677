import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors, ErrorAnswer, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { AccountsService } from './accounts.service';
import { ChangeSource, ChangeSources } from '../common/auth/change-source';
import { AdminUserPageDto, AdminUserResponseDto } from './dto/admin-user.response.dto';
import { ListUsersQueryDto } from './dto/list-users.query.dto';
import { MasterPasswordResetResponseDto } from './dto/master-password-reset.response.dto';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { LifecycleEvent } from './user-lifecycle';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

const DEFAULT_PAGE_SIZE = 50;
const NO_SUCH_USER: ErrorAnswer = {
  description: 'No user with this id in your company',
  message: 'User 0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d not found',
};

@ApiTags('admin: users')
@AdminAuth()
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: MasterPasswordResetsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List users',
    description:
      "One page of your company's users in every state, in id order: search by email or name (`q`), by `state`, by " +
      'membership of a `group` or by the tab that manages them (`managedBy`, `none` for unmanaged users); pass ' +
      '`nextCursor` as `cursor` for the next page. Any admin.',
  })
  @ApiAdminErrors({
    400: {
      description: 'An unknown state or managedBy, a group or cursor that is not a UUID, an invalid limit, or an unknown query parameter',
      message: 'state must be one of the following values: provisioned, active, disabled, deleted',
      details: [{ field: 'state', problem: 'must be one of the following values: provisioned, active, disabled, deleted' }],
    },
  })
  @ApiOkResponse({ type: AdminUserPageDto })
  async list(@CurrentAdmin() admin: AdminPrincipal, @Query() query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.accounts.listUsersForAdmin(admin.companyId, {
      state: query.state,
      text: query.q,
      groupId: query.group,
      managedBy: query.managedBy,
      afterId: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => AdminUserResponseDto.from(row)),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a user',
    description:
      'One user of your company, deleted ones included, with its lifecycle state, its groups and the directory ' +
      'integration that manages it. Any admin.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({ 400: invalidUuid('id'), 404: NO_SUCH_USER })
  @ApiOkResponse({ type: AdminUserResponseDto })
  async get(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    const row = await this.accounts.getUserForAdmin(admin.companyId, id);
    return AdminUserResponseDto.from(row, await this.accounts.groupsOfUser(admin.companyId, id));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user',
    description:
      'Moves a provisioned or active user to `disabled`: the user cannot log in and the vault is kept. A user ' +
      "disabled already is answered as it is, with no change and no audit entry. The provider's next SCIM update " +
      'still applies on top. Any admin; audit-logged.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    404: NO_SUCH_USER,
    409: {
      description: 'The user is deleted',
      code: 'invalid_state_transition',
      message: 'Cannot disable a user in state deleted (from deleted to disabled is not allowed)',
    },
  })
  @ApiOkResponse({ type: AdminUserResponseDto })
  disable(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    return this.transition(admin, id, LifecycleEvent.Disable);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a user',
    description:
      'Re-enables a disabled user: back to `active` when the master password was set before, else `provisioned`. ' +
      'A user enabled already (provisioned or active) is answered as it is, with no change and no audit entry. ' +
      'Any admin; audit-logged.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    404: NO_SUCH_USER,
    409: {
      description: 'The user is deleted',
      code: 'invalid_state_transition',
      message: 'Cannot enable a user in state deleted (from deleted to provisioned is not allowed)',
    },
  })
  @ApiOkResponse({ type: AdminUserResponseDto })
  enable(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<AdminUserResponseDto> {
    return this.transition(admin, id, LifecycleEvent.Enable);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user',
    description: 'Moves the user to `deleted` and out of every group; its userName can be provisioned again. Any admin; audit-logged.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    404: NO_SUCH_USER,
    409: {
      description: 'The user is already deleted',
      code: 'invalid_state_transition',
      message: 'Cannot delete a user in state deleted (from deleted to deleted is not allowed)',
    },
  })
  @ApiNoContentResponse({ description: 'The user leaves its groups and moves to deleted' })
  async delete(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.accounts.transitionUser(admin.companyId, sourceOf(admin), id, LifecycleEvent.Delete);
  }

  @Post(':id/master-password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: "Request a reset of a user's master password",
    description:
      'Creates a pending reset, valid 24 hours, that the vault service carries out with the user; asking again while ' +
      'one is pending returns it. Only a super admin holding the master-password-reset policy, only for an active ' +
      'user who is not a super admin. Audit-logged.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    403: {
      description: 'You are not a super admin, the policy is off, you do not hold it, or the user is a super admin',
      message: 'You do not hold the policy "Permit super admins to reset master passwords"',
    },
    404: NO_SUCH_USER,
    409: {
      description: 'The user is provisioned (no master password yet), disabled or deleted',
      code: 'invalid_state_transition',
      message: 'The user is provisioned and has not set a master password yet: there is nothing to reset',
    },
  })
  @ApiAcceptedResponse({ type: MasterPasswordResetResponseDto, description: 'A pending reset for the vault service' })
  async requestMasterPasswordReset(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<MasterPasswordResetResponseDto> {
    return MasterPasswordResetResponseDto.from(await this.resets.requestReset(admin, id));
  }

  private async transition(admin: AdminPrincipal, id: string, event: LifecycleEvent): Promise<AdminUserResponseDto> {
    await this.accounts.transitionUser(admin.companyId, sourceOf(admin), id, event);
    return AdminUserResponseDto.from(await this.accounts.getUserForAdmin(admin.companyId, id));
  }
}

function sourceOf(admin: AdminPrincipal): ChangeSource {
  return ChangeSources.admin(admin.adminId, admin.email);
}
