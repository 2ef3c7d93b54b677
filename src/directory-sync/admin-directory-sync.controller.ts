import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/id-cursor-page.query.dto';
import { pageOf } from '../common/pagination/page';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { DirectorySnapshotsService } from './directory-snapshots.service';
import { DirectorySyncSettingsService } from './directory-sync-settings.service';
import { ListSnapshotsQueryDto } from './dto/list-snapshots.query.dto';
import { SnapshotChangePageDto, SnapshotChangesQueryDto } from './dto/snapshot-changes.dto';
import { SnapshotPageDto, SnapshotResponseDto } from './dto/snapshot.response.dto';
import { SnapshotDecisionSyncLogInterceptor } from './snapshot-decision-sync-log.interceptor';
import { SyncSettingsResponseDto, UpdateSyncSettingsRequestDto } from './dto/sync-settings.dto';

const NO_SUCH_SNAPSHOT = {
  description: 'No snapshot of your company has this id',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a not found',
};
const NOT_HELD = {
  description: 'The snapshot is not held (already applied, rejected, expired) or is being applied',
  code: 'invalid_state_transition',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a is applied and cannot be confirmed',
};

@ApiTags('admin: directory sync')
@AdminAuth()
@Controller('api/admin/directory-sync')
export class AdminDirectorySyncController {
  constructor(
    private readonly snapshots: DirectorySnapshotsService,
    private readonly settings: DirectorySyncSettingsService,
  ) {}

  @Get('snapshots')
  @ApiOperation({
    summary: 'List directory snapshots',
    description: 'Newest first, of every source or one; `state=held` lists those waiting for an admin to confirm or reject them.',
  })
  @ApiAdminErrors({ 400: 'An invalid cursor, limit, integrationId or state' })
  @ApiOkResponse({ type: SnapshotPageDto })
  async list(@CurrentAdmin() admin: AdminPrincipal, @Query() query: ListSnapshotsQueryDto): Promise<SnapshotPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.snapshots.list(admin.companyId, {
      integrationId: query.integrationId,
      state: query.state,
      afterId: query.cursor,
      limit: limit + 1,
    });
    const page = pageOf(rows, limit, (last) => last.id);
    return { items: page.items.map((snapshot) => SnapshotResponseDto.from(snapshot)), nextCursor: page.nextCursor };
  }

  @Get('snapshots/:id')
  @ApiOperation({
    summary: 'Read a directory snapshot',
    description: 'Its state, the difference computed (counts and the first changes), what applying did, who confirmed it and when.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async get(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.get(admin.companyId, id));
  }

  @Get('snapshots/:id/changes')
  @ApiOperation({
    summary: "Page through a snapshot's planned changes",
    description:
      'Every change (then every issue) of the difference a dry run or the deletion guard last computed, in the order ' +
      'applying makes them; the snapshot itself shows the counts and the first 100. Empty once the plan was applied or ' +
      'rejected.',
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({ 400: 'An invalid id, cursor or limit', 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotChangePageDto })
  async changes(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: SnapshotChangesQueryDto,
  ): Promise<SnapshotChangePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    return SnapshotChangePageDto.from(await this.snapshots.changesOf(admin.companyId, id, Number(query.cursor ?? 0), limit + 1), limit);
  }

  @Post('snapshots/:id/confirm')
  @HttpCode(200)
  @UseInterceptors(SnapshotDecisionSyncLogInterceptor)
  @ApiOperation({
    summary: 'Confirm a held snapshot',
    description:
      'Applies a snapshot the deletion guard held, with the difference as it is now. Should more users lose access now than ' +
      'when it was held, it is held again with the new difference instead. Answers when applying is done. Audit-logged, ' +
      "and in the sync log of the snapshot's tab.",
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT, 409: NOT_HELD })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async confirm(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.confirm(admin, id));
  }

  @Post('snapshots/:id/reject')
  @HttpCode(200)
  @UseInterceptors(SnapshotDecisionSyncLogInterceptor)
  @ApiOperation({
    summary: 'Reject a snapshot',
    description:
      "A held (or still open) snapshot never applies; its uploaded parts are dropped. Audit-logged, and in the sync log of the snapshot's tab.",
  })
  @ApiUuidParams('id')
  @ApiAdminErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT, 409: NOT_HELD })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async reject(@CurrentAdmin() admin: AdminPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.reject(admin, id));
  }

  @Get('sources/:integrationId/settings')
  @ApiOperation({
    summary: "Read a source's snapshot settings",
    description: "How the source's snapshots deprovision (disable or delete) and the guard's maxDeletePercent; defaults until changed.",
  })
  @ApiUuidParams('integrationId')
  @ApiAdminErrors({ 400: invalidUuid('integrationId') })
  @ApiOkResponse({ type: SyncSettingsResponseDto })
  async getSettings(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('integrationId', ParseUuidPipe) integrationId: string,
  ): Promise<SyncSettingsResponseDto> {
    return SyncSettingsResponseDto.from(await this.settings.get(admin.companyId, integrationId));
  }

  @Patch('sources/:integrationId/settings')
  @ApiOperation({
    summary: "Change a source's snapshot settings",
    description: 'deprovisionAction and maxDeletePercent; absent fields stay. Applies to snapshots committed from now on. Audit-logged.',
  })
  @ApiUuidParams('integrationId')
  @ApiJsonBody(UpdateSyncSettingsRequestDto, {
    guard: { summary: 'A stricter guard', value: { maxDeletePercent: 5 } },
    delete: { summary: 'Delete the users missing from a snapshot', value: { deprovisionAction: 'delete' } },
  })
  @ApiAdminErrors({
    400: 'An invalid action or percentage, or an integrationId that is not a UUID',
    404: {
      description: 'No directory integration of your company has this id',
      message: 'Directory integration 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d not found',
    },
  })
  @ApiOkResponse({ type: SyncSettingsResponseDto })
  async updateSettings(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param('integrationId', ParseUuidPipe) integrationId: string,
    @Body() body: UpdateSyncSettingsRequestDto,
  ): Promise<SyncSettingsResponseDto> {
    return SyncSettingsResponseDto.from(await this.settings.update(admin, integrationId, body));
  }
}
