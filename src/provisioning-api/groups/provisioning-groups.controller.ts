import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { ErrorAnswer, invalidUuid } from '../../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import {
  GROUP_MEMBERS_DEFAULT_PAGE_SIZE,
  GROUPS_DEFAULT_PAGE_SIZE,
  ListGroupMembersRequestDto,
  ListGroupsRequestDto,
} from '../../groups/dto/list-groups.request.dto';
import { GroupChange } from '../../groups/group-change';
import { GroupsService } from '../../groups/groups.service';
import { ApiIdempotentWrite, CurrentProvisioner, ProvisioningApiAuth } from '../authentication/provisioning-api-auth.decorators';
import { ApiProvisioningErrors } from '../provisioning-api-errors.decorator';
import { changeSourceOf } from '../provisioning-change-source';
import { CreateApiGroupRequestDto, GroupMembersRequestDto, UpdateApiGroupRequestDto } from './dto/api-group.request.dto';
import { ApiGroupMemberPageResponseDto, ApiGroupPageResponseDto, ApiGroupResponseDto } from './dto/api-group.response.dto';

const NO_SUCH_GROUP: ErrorAnswer = {
  description: 'No group with this id in your company',
  message: 'Group 3d6f2a1b-8c4e-4b9a-a7d2-5e1f0c9b8a76 not found',
};
const NAME_TAKEN: ErrorAnswer = {
  description: 'Another group of the company has this displayName',
  code: 'already_exists',
  message: 'A group with displayName Engineering already exists',
};
const UNKNOWN_MEMBERS: ErrorAnswer = {
  description: 'A user id that is no user of your company (or a deleted one), or an invalid body',
  code: 'invalid_input',
  message: 'Members must be users of this company; these are not: 5e1f0c9b-8a76-4b9a-a7d2-3d6f2a1b8c4e',
};
const MEMBERS_EXAMPLE = {
  members: { summary: 'Two users', value: { userIds: ['0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d', '5e1f0c9b-8a76-4b9a-a7d2-3d6f2a1b8c4e'] } },
};

@ApiTags('provisioning: groups')
@ProvisioningApiAuth()
@Controller('api/v1/groups')
export class ProvisioningGroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a group',
    description: 'A new group, managed by the Provisioning API tab, with its first members. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiJsonBody(CreateApiGroupRequestDto, {
    group: {
      summary: 'A department',
      value: { displayName: 'Engineering', externalId: 'dept-eng', memberIds: ['0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d'] },
    },
  })
  @ApiProvisioningErrors({ 400: UNKNOWN_MEMBERS, 409: NAME_TAKEN })
  @ApiCreatedResponse({ type: ApiGroupResponseDto })
  async create(@CurrentProvisioner() caller: ProvisioningPrincipal, @Body() body: CreateApiGroupRequestDto): Promise<ApiGroupResponseDto> {
    const group = await this.groups.createGroup(caller.companyId, changeSourceOf(caller), {
      displayName: body.displayName,
      externalId: body.externalId ?? null,
      memberIds: body.memberIds ?? [],
    });
    return ApiGroupResponseDto.from(group);
  }

  @Get()
  @ApiOperation({ summary: 'List groups', description: 'One page of groups in displayName order; `q` searches the name. Any key.' })
  @ApiProvisioningErrors({
    400: { description: 'An invalid cursor or limit, or an unknown query parameter', message: 'cursor is not one this API returned' },
  })
  @ApiOkResponse({ type: ApiGroupPageResponseDto })
  async list(@CurrentProvisioner() caller: ProvisioningPrincipal, @Query() query: ListGroupsRequestDto): Promise<ApiGroupPageResponseDto> {
    const page = await this.groups.listGroups(caller.companyId, {
      search: query.q,
      cursor: query.cursor,
      limit: query.limit ?? GROUPS_DEFAULT_PAGE_SIZE,
    });
    return { items: page.groups.map(({ group }) => ApiGroupResponseDto.from(group)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a group', description: 'Any key.' })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_GROUP })
  @ApiOkResponse({ type: ApiGroupResponseDto })
  async get(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<ApiGroupResponseDto> {
    return ApiGroupResponseDto.from(await this.groups.getGroup(caller.companyId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a group', description: 'Sets the displayName and/or externalId sent. Read-write key.' })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiJsonBody(UpdateApiGroupRequestDto, { rename: { summary: 'A new name', value: { displayName: 'Platform Engineering' } } })
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_GROUP, 409: NAME_TAKEN })
  @ApiOkResponse({ type: ApiGroupResponseDto })
  async update(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateApiGroupRequestDto,
  ): Promise<ApiGroupResponseDto> {
    const changes: GroupChange[] = [
      ...(body.displayName !== undefined ? [{ kind: 'setDisplayName' as const, value: body.displayName }] : []),
      ...(body.externalId !== undefined ? [{ kind: 'setExternalId' as const, value: body.externalId }] : []),
    ];
    return ApiGroupResponseDto.from(await this.groups.changeGroup(caller.companyId, changeSourceOf(caller), id, changes));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a group',
    description:
      'Deletes the group and its memberships (the users stay). A retry with the same Idempotency-Key is answered 204 again. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_GROUP })
  @ApiNoContentResponse({ description: 'The group is deleted' })
  async delete(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.groups.deleteGroup(caller.companyId, changeSourceOf(caller), id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: "List a group's members", description: 'One page of members in user id order, with the member count. Any key.' })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_GROUP })
  @ApiOkResponse({ type: ApiGroupMemberPageResponseDto })
  async members(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: ListGroupMembersRequestDto,
  ): Promise<ApiGroupMemberPageResponseDto> {
    const page = await this.groups.listMembers(caller.companyId, id, {
      cursor: query.cursor,
      limit: query.limit ?? GROUP_MEMBERS_DEFAULT_PAGE_SIZE,
    });
    return ApiGroupMemberPageResponseDto.from(page);
  }

  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add members',
    description: 'Adds the users; members already in the group stay, with no change. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiJsonBody(GroupMembersRequestDto, MEMBERS_EXAMPLE)
  @ApiProvisioningErrors({ 400: UNKNOWN_MEMBERS, 404: NO_SUCH_GROUP })
  @ApiOkResponse({ type: ApiGroupResponseDto })
  async addMembers(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: GroupMembersRequestDto,
  ): Promise<ApiGroupResponseDto> {
    return this.change(caller, id, { kind: 'addMembers', userIds: body.userIds });
  }

  @Put(':id/members')
  @ApiOperation({
    summary: 'Replace the members',
    description: 'Makes exactly these users the members: others leave, new ones join. An empty list empties the group. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiJsonBody(GroupMembersRequestDto, MEMBERS_EXAMPLE)
  @ApiProvisioningErrors({ 400: UNKNOWN_MEMBERS, 404: NO_SUCH_GROUP })
  @ApiOkResponse({ type: ApiGroupResponseDto })
  async replaceMembers(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: GroupMembersRequestDto,
  ): Promise<ApiGroupResponseDto> {
    return this.change(caller, id, { kind: 'replaceMembers', userIds: body.userIds });
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member', description: 'Removing a user who is no member changes nothing. Read-write key.' })
  @ApiIdempotentWrite()
  @ApiUuidParams('id', 'userId')
  @ApiProvisioningErrors({ 400: invalidUuid('id', 'userId'), 404: NO_SUCH_GROUP })
  @ApiNoContentResponse({ description: 'The user is no member of the group' })
  async removeMember(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('userId', ParseUuidPipe) userId: string,
  ): Promise<void> {
    await this.change(caller, id, { kind: 'removeMembers', userIds: [userId] });
  }

  private async change(caller: ProvisioningPrincipal, id: string, change: GroupChange): Promise<ApiGroupResponseDto> {
    return ApiGroupResponseDto.from(await this.groups.changeGroup(caller.companyId, changeSourceOf(caller), id, [change]));
  }
}
