import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInternalErrors, ErrorAnswer, invalidUuid } from '../../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { InternalAuth } from '../../internal-auth/internal-auth.decorators';
import { CompleteKeyGrantRequestDto } from './dto/complete-key-grant.request.dto';
import { FailKeyGrantRequestDto } from './dto/fail-key-grant.request.dto';
import { KeyGrantLeaseResponseDto } from './dto/key-grant-lease.response.dto';
import { KeyGrantTaskResponseDto } from './dto/key-grant-task.response.dto';
import { LeaseKeyGrantsRequestDto } from './dto/lease-key-grants.request.dto';
import { KeyGrantsService } from './key-grants.service';

const DEFAULT_LEASE_SECONDS = 60;
const DEFAULT_LIMIT = 100;
const EXAMPLE_LEASE = 'c4a1f7e2-9b3d-4e5f-a6b7-c8d9e0f1a2b3';
const NO_SUCH_TASK: ErrorAnswer = {
  description: 'No key-grant task with this id',
  message: 'Key-grant task 3d6f0a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6 not found',
};
const LEASE_LOST: ErrorAnswer = {
  description: 'The lease no longer holds the task: it expired and the task was leased again, or the task is finished',
  code: 'invalid_state_transition',
  message:
    'Cannot complete key-grant task 3d6f0a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6 under this lease: another lease holds it ' +
    '(this one expired and the task was leased again)',
};

@ApiTags('internal: key grants')
@InternalAuth()
@Controller('api/internal/key-grants')
export class InternalKeyGrantsController {
  constructor(private readonly keyGrants: KeyGrantsService) {}

  @Post('lease')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lease key-grant tasks',
    description:
      "The customer's encryption service takes the oldest waiting tasks (of every company, or of `companyId`) for " +
      '`leaseSeconds`, then completes or fails each with the `leaseId`. A task not finished in time returns to the ' +
      'queue. Concurrent callers never get the same task, and tasks touching the same group and user are handed ' +
      'out one at a time, in the order of the changes. An empty `tasks` means nothing waits.',
  })
  @ApiJsonBody(LeaseKeyGrantsRequestDto, {
    defaults: { summary: '100 tasks of every company for 60 s', value: {} },
    company: {
      summary: "One company's tasks",
      value: { leaseSeconds: 120, limit: 50, companyId: '5b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b' },
    },
  })
  @ApiInternalErrors({
    400: {
      description: 'leaseSeconds outside 10–3600, limit outside 1–500, a companyId that is not a UUID, or an unknown field',
      message: 'leaseSeconds must not be less than 10',
      details: [{ field: 'leaseSeconds', problem: 'leaseSeconds must not be less than 10' }],
    },
  })
  @ApiOkResponse({ type: KeyGrantLeaseResponseDto })
  async lease(@Body() body: LeaseKeyGrantsRequestDto): Promise<KeyGrantLeaseResponseDto> {
    const lease = await this.keyGrants.lease(
      body.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
      body.limit ?? DEFAULT_LIMIT,
      body.companyId ?? null,
    );
    return KeyGrantLeaseResponseDto.from(lease);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete a key-grant task',
    description:
      'The encryption service has handed over (or taken away) the key. Accepted while the lease holds the task, also ' +
      'past its expiry as long as nobody leased it again; repeating the completion under the same lease answers the same.',
  })
  @ApiUuidParams('id')
  @ApiJsonBody(CompleteKeyGrantRequestDto, { complete: { summary: 'Done under the lease', value: { leaseId: EXAMPLE_LEASE } } })
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_TASK, 409: LEASE_LOST })
  @ApiOkResponse({ type: KeyGrantTaskResponseDto, description: 'The task, now completed' })
  async complete(@Param('id', ParseUuidPipe) id: string, @Body() body: CompleteKeyGrantRequestDto): Promise<KeyGrantTaskResponseDto> {
    return KeyGrantTaskResponseDto.from(await this.keyGrants.complete(id, body.leaseId));
  }

  @Post(':id/fail')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Fail a key-grant task',
    description:
      'A retryable failure queues the task again after a backoff (10 s, doubling per attempt, at most 1 h); ' +
      "another one leaves it `failed`, shown with its reason in the company's console. Only under the lease that holds it.",
  })
  @ApiUuidParams('id')
  @ApiJsonBody(FailKeyGrantRequestDto, {
    retryable: {
      summary: 'Try again later',
      value: { leaseId: EXAMPLE_LEASE, reason: 'Vault service unavailable', retryable: true },
    },
    final: {
      summary: 'Give up',
      value: { leaseId: EXAMPLE_LEASE, reason: 'The user has no key pair yet', retryable: false },
    },
  })
  @ApiInternalErrors({
    400: {
      description: 'id or leaseId is not a UUID, reason is empty or longer than 1000 characters, or retryable is missing',
      message: 'retryable must be a boolean value',
      details: [{ field: 'retryable', problem: 'retryable must be a boolean value' }],
    },
    404: NO_SUCH_TASK,
    409: { ...LEASE_LOST, message: LEASE_LOST.message?.replace('complete', 'fail') },
  })
  @ApiOkResponse({ type: KeyGrantTaskResponseDto, description: 'The task: queued again, or failed' })
  async fail(@Param('id', ParseUuidPipe) id: string, @Body() body: FailKeyGrantRequestDto): Promise<KeyGrantTaskResponseDto> {
    return KeyGrantTaskResponseDto.from(await this.keyGrants.fail(id, body.leaseId, { reason: body.reason, retryable: body.retryable }));
  }
}
