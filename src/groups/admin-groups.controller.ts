import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { GroupMembersPageResponseDto, GroupPageResponseDto } from './dto/group.response.dto';
import {
  GROUP_MEMBERS_DEFAULT_PAGE_SIZE,
  GROUPS_DEFAULT_PAGE_SIZE,
  ListGroupMembersRequestDto,
  ListGroupsRequestDto,
} from './dto/list-groups.request.dto';
import { GroupsService } from './groups.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

@ApiTags('admin: groups')
@AdminAuth()
@Controller('api/admin/groups')
export class AdminGroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({
    summary: 'List groups',
    description:
      "One page of your company's groups in displayName order (any case), with member counts; `q` searches part of " +
      'the displayName. Pass `nextCursor` as `cursor` for the next page. Any admin.',
  })
  @ApiAdminErrors({
    400: {
      description: 'A cursor this API did not return, an invalid limit, or an unknown query parameter',
      code: 'invalid_input',
      message: 'cursor is not one this API returned',
    },
  })
  @ApiOkResponse({ type: GroupPageResponseDto, description: 'The company’s groups with their member counts' })
  async list(@CurrentAdmin() actor: AdminPrincipal, @Query() query: ListGroupsRequestDto): Promise<GroupPageResponseDto> {
    const page = await this.groups.listGroups(actor.companyId, {
      search: query.q?.trim() || undefined,
      cursor: query.cursor,
      limit: query.limit ?? GROUPS_DEFAULT_PAGE_SIZE,
    });
    return GroupPageResponseDto.from(page);
  }

  @Get(':id/members')
  @ApiOperation({
    summary: "List a group's members",
    description:
      'The group and one page of its members in user id order (id, userName, displayName, state); pass `nextCursor` ' +
      'as `cursor` for the next page. Any admin.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({
    400: invalidUuid('id'),
    404: {
      description: 'No group with this id in your company',
      message: 'Group 3d6f2a1b-8c4e-4b9a-a7d2-5e1f0c9b8a76 not found',
    },
  })
  @ApiOkResponse({ type: GroupMembersPageResponseDto, description: 'One page of the members, in user id order' })
  async members(
    @CurrentAdmin() actor: AdminPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: ListGroupMembersRequestDto,
  ): Promise<GroupMembersPageResponseDto> {
    const page = await this.groups.listMembers(actor.companyId, id, {
      cursor: query.cursor,
      limit: query.limit ?? GROUP_MEMBERS_DEFAULT_PAGE_SIZE,
    });
    return GroupMembersPageResponseDto.from(page);
  }
}
