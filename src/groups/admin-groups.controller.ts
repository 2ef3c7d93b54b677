import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../admin-auth/admin-principal';
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
  @ApiOkResponse({ type: GroupMembersPageResponseDto, description: 'One page of the members, in user id order' })
  @ApiNotFoundResponse({ description: 'No such group in the admin’s company' })
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
