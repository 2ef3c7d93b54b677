import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '../../accounts/accounts.service';
import { LifecycleEvent } from '../../accounts/user-lifecycle';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { ErrorAnswer, invalidUuid } from '../../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { pageOf } from '../../common/pagination/page';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/id-cursor-page.query.dto';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { ApiIdempotentWrite, CurrentProvisioner, ProvisioningApiAuth } from '../authentication/provisioning-api-auth.decorators';
import { ApiProvisioningErrors } from '../provisioning-api-errors.decorator';
import { changeSourceOf } from '../provisioning-change-source';
import { changedUserProfile, newUserProfile } from './api-user-profile';
import { CreateApiUserRequestDto, UpdateApiUserRequestDto } from './dto/api-user.request.dto';
import { ApiUserPageResponseDto, ApiUserResponseDto } from './dto/api-user.response.dto';
import { ListApiUsersQueryDto } from './dto/list-api-users.query.dto';
import { BatchUpsertUsersCommand } from './batch-upsert-users.command';
import { BatchUpsertUsersRequestDto, BatchUpsertUsersResponseDto } from './dto/batch-upsert.dto';

const NO_SUCH_USER: ErrorAnswer = {
  description: 'No user with this id in your company (or a deleted one)',
  message: 'User 0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d not found',
};
const DELETED: ErrorAnswer = {
  description: 'The user is deleted',
  code: 'invalid_state_transition',
  message: 'Cannot enable a user in state deleted (from deleted to provisioned is not allowed)',
};

@ApiTags('provisioning: users')
@ProvisioningApiAuth()
@Controller('api/v1/users')
export class ProvisioningUsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly batchUpsert: BatchUpsertUsersCommand,
  ) {}

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create or update up to 1,000 users',
    description:
      'Each user is matched by email: a new email is created (managed by the Provisioning API tab), a known one is ' +
      'updated with the fields sent, and disabled or re-enabled by `active`. Sending the same batch again changes ' +
      'nothing (`unchanged`). Each item succeeds or fails on its own: the answer is 200 with one result per item, in ' +
      'the order sent, and the error of each failed one. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiJsonBody(BatchUpsertUsersRequestDto, {
    batch: {
      summary: 'Two employees, one of them leaving',
      value: {
        users: [
          { email: 'alice@acme.test', externalId: 'hr-10042', givenName: 'Alice', familyName: 'Martin' },
          { email: 'bob@acme.test', active: false },
        ],
      },
    },
  })
  @ApiProvisioningErrors({
    400: {
      description: 'Malformed JSON, or `users` missing, empty or longer than 1,000 (an invalid item fails alone)',
      message: 'Validation failed: users must contain no more than 1000 elements',
      details: [{ field: 'users', problem: 'users must contain no more than 1000 elements' }],
    },
  })
  @ApiOkResponse({ type: BatchUpsertUsersResponseDto, description: 'One result per item; failed items carry their error' })
  async upsertBatch(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Body() body: BatchUpsertUsersRequestDto,
  ): Promise<BatchUpsertUsersResponseDto> {
    return this.batchUpsert.execute(caller, body.users);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description:
      'A new user, managed by the Provisioning API tab, invited as `provisioned` (or `disabled` with `active: false`). ' +
      'An email in use is a 409: to create or update by email, use the batch upsert. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiJsonBody(CreateApiUserRequestDto, {
    user: {
      summary: 'A new employee',
      value: { email: 'alice@acme.test', externalId: 'hr-10042', displayName: 'Alice Martin', givenName: 'Alice', familyName: 'Martin' },
    },
  })
  @ApiProvisioningErrors({
    400: 'Malformed JSON, or an invalid field (each named in details)',
    409: {
      description: 'A user of the company already has this email',
      code: 'already_exists',
      message: 'A user with userName alice@acme.test already exists',
    },
  })
  @ApiCreatedResponse({ type: ApiUserResponseDto })
  async create(@CurrentProvisioner() caller: ProvisioningPrincipal, @Body() body: CreateApiUserRequestDto): Promise<ApiUserResponseDto> {
    const user = await this.accounts.createUser(caller.companyId, changeSourceOf(caller), newUserProfile(body), body.active ?? true);
    return ApiUserResponseDto.from(user);
  }

  @Get()
  @ApiOperation({
    summary: 'List users',
    description:
      "One page of your company's users in id order, deleted ones only when `state=deleted`: filter by `email`, " +
      '`state`, `group` membership and `updatedSince`; pass `nextCursor` as `cursor` for the next page. Any key.',
  })
  @ApiProvisioningErrors({
    400: {
      description: 'An invalid filter, cursor or limit, or an unknown query parameter',
      message: 'updatedSince must be an ISO 8601 date-time',
      details: [{ field: 'updatedSince', problem: 'updatedSince must be an ISO 8601 date-time' }],
    },
  })
  @ApiOkResponse({ type: ApiUserPageResponseDto })
  async list(@CurrentProvisioner() caller: ProvisioningPrincipal, @Query() query: ListApiUsersQueryDto): Promise<ApiUserPageResponseDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.accounts.listUsersForAdmin(caller.companyId, {
      state: query.state,
      liveOnly: true,
      userName: query.email,
      groupId: query.group,
      updatedSince: query.updatedSince,
      afterId: query.cursor,
      limit: limit + 1,
    });
    const page = pageOf(rows, limit, (last) => last.id);
    return { items: page.items.map((user) => ApiUserResponseDto.from(user)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a user', description: 'One user of your company, deleted ones included. Any key.' })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_USER })
  @ApiOkResponse({ type: ApiUserResponseDto })
  async get(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<ApiUserResponseDto> {
    return ApiUserResponseDto.from(await this.accounts.getUserForAdmin(caller.companyId, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a user',
    description: 'Changes the fields sent (null clears one); the others stay as they are. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiJsonBody(UpdateApiUserRequestDto, {
    rename: { summary: 'A new surname', value: { familyName: 'Dupont', displayName: 'Alice Dupont' } },
    email: { summary: 'A new email', value: { email: 'alice.dupont@acme.test' } },
  })
  @ApiProvisioningErrors({
    400: invalidUuid('id'),
    404: NO_SUCH_USER,
    409: {
      description: 'Another user has this email',
      code: 'already_exists',
      message: 'A user with userName alice.dupont@acme.test already exists',
    },
  })
  @ApiOkResponse({ type: ApiUserResponseDto })
  async update(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateApiUserRequestDto,
  ): Promise<ApiUserResponseDto> {
    const user = await this.accounts.changeUser(caller.companyId, changeSourceOf(caller), id, (current) => ({
      profile: changedUserProfile(current, body),
    }));
    return ApiUserResponseDto.from(user);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a user',
    description: 'The user can no longer log in; the vault is kept. A disabled user is answered as it is. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiProvisioningErrors({
    400: invalidUuid('id'),
    404: NO_SUCH_USER,
    409: { ...DELETED, message: 'Cannot disable a user in state deleted (from deleted to disabled is not allowed)' },
  })
  @ApiOkResponse({ type: ApiUserResponseDto })
  async disable(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<ApiUserResponseDto> {
    return this.transition(caller, id, LifecycleEvent.Disable);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a user',
    description:
      'Re-enables a disabled user: `active` when the master password was set before, else `provisioned`. An enabled ' +
      'user is answered as it is. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_USER, 409: DELETED })
  @ApiOkResponse({ type: ApiUserResponseDto })
  async enable(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<ApiUserResponseDto> {
    return this.transition(caller, id, LifecycleEvent.Enable);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user',
    description:
      'Moves the user to `deleted` and out of every group; the email can be used again. Deleting a deleted user is ' +
      'answered 204 as well, so a retried delete never fails. Read-write key.',
  })
  @ApiIdempotentWrite()
  @ApiUuidParams('id')
  @ApiProvisioningErrors({
    400: invalidUuid('id'),
    404: { description: 'No user with this id in your company', message: NO_SUCH_USER.message },
  })
  @ApiNoContentResponse({ description: 'The user is deleted' })
  async delete(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    const user = await this.accounts.getUserForAdmin(caller.companyId, id);
    if (user.deletedAt) return;
    await this.accounts.transitionUser(caller.companyId, changeSourceOf(caller), id, LifecycleEvent.Delete);
  }

  private async transition(caller: ProvisioningPrincipal, id: string, event: LifecycleEvent): Promise<ApiUserResponseDto> {
    return ApiUserResponseDto.from(await this.accounts.transitionUser(caller.companyId, changeSourceOf(caller), id, event));
  }
}
