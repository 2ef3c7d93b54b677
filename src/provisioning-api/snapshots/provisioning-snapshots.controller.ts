import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { invalidUuid } from '../../common/openapi/api-errors.decorator';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/id-cursor-page.query.dto';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { DirectorySnapshotsService } from '../../directory-sync/directory-snapshots.service';
import { CommitSnapshotRequestDto, MAX_SNAPSHOT_PARTS } from '../../directory-sync/dto/commit-snapshot.request.dto';
import { SnapshotChangePageDto, SnapshotChangesQueryDto } from '../../directory-sync/dto/snapshot-changes.dto';
import { SnapshotPartRequestDto } from '../../directory-sync/dto/snapshot-part.request.dto';
import { SnapshotPartResponseDto, SnapshotResponseDto } from '../../directory-sync/dto/snapshot.response.dto';
import { SnapshotSource } from '../../directory-sync/snapshot-items';
import { toPartContent } from '../../directory-sync/snapshot-part.mapping';
import { ApiIdempotentWrite, CurrentProvisioner, ProvisioningApiAuth } from '../authentication/provisioning-api-auth.decorators';
import { ApiProvisioningErrors } from '../provisioning-api-errors.decorator';
import { ParsePartNumberPipe } from '../../directory-sync/parse-part-number.pipe';
import { COMMIT_EXAMPLES, NOT_OPEN, NO_SUCH_SNAPSHOT, PART_EXAMPLES, SNAPSHOT_PROTOCOL } from './snapshot-route-docs';

@ApiTags('provisioning: snapshots')
@ProvisioningApiAuth()
@Controller('api/v1/snapshots')
export class ProvisioningSnapshotsController {
  constructor(private readonly snapshots: DirectorySnapshotsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a directory snapshot', description: SNAPSHOT_PROTOCOL })
  @ApiIdempotentWrite()
  @ApiProvisioningErrors()
  @ApiCreatedResponse({ type: SnapshotResponseDto })
  async open(@CurrentProvisioner() caller: ProvisioningPrincipal): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.open(sourceOf(caller)));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a directory snapshot',
    description: 'Its state, the difference last computed (counts, first changes, issues) and what applying did.',
  })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async get(@CurrentProvisioner() caller: ProvisioningPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.getOwned(sourceOf(caller), id));
  }

  @Get(':id/changes')
  @ApiOperation({
    summary: "Page through a snapshot's planned changes",
    description:
      'Every change (then every issue) of the difference a dry run or the deletion guard last computed, in the order ' +
      'applying makes them; the snapshot itself shows the counts and the first 100. Empty once the plan was applied.',
  })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: 'An invalid id, cursor or limit', 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotChangePageDto })
  async changes(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: SnapshotChangesQueryDto,
  ): Promise<SnapshotChangePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.snapshots.changesOfOwned(sourceOf(caller), id, Number(query.cursor ?? 0), limit + 1);
    return SnapshotChangePageDto.from(rows, limit);
  }

  @Get(':id/parts')
  @ApiOperation({ summary: 'List the uploaded parts', description: 'Each part uploaded so far with its counts, in part order.' })
  @ApiUuidParams('id')
  @ApiProvisioningErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: [SnapshotPartResponseDto] })
  async parts(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<SnapshotPartResponseDto[]> {
    return (await this.snapshots.partsOf(sourceOf(caller), id)).map((part) => SnapshotPartResponseDto.from(part));
  }

  @Put(':id/parts/:partNumber')
  @ApiOperation({
    summary: 'Upload a part',
    description:
      'Users, groups and memberships of the snapshot, up to 5,000 users a part. Uploading a part number again replaces ' +
      'it, so a failed upload is simply sent again. A userName, user externalId or group may be in one part only.',
  })
  @ApiUuidParams('id')
  @ApiParam({ name: 'partNumber', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_SNAPSHOT_PARTS } })
  @ApiJsonBody(SnapshotPartRequestDto, PART_EXAMPLES)
  @ApiIdempotentWrite()
  @ApiProvisioningErrors({
    400: {
      description: 'An invalid item, a part number out of range, or an item already in another part',
      code: 'invalid_input',
      message: 'Already in another part of the snapshot: user ada@acme.test (part 1)',
    },
    404: NO_SUCH_SNAPSHOT,
    409: NOT_OPEN,
  })
  @ApiOkResponse({ type: SnapshotPartResponseDto })
  async uploadPart(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('partNumber', ParsePartNumberPipe) partNumber: number,
    @Body() body: SnapshotPartRequestDto,
  ): Promise<SnapshotPartResponseDto> {
    return SnapshotPartResponseDto.from(await this.snapshots.uploadPart(sourceOf(caller), id, partNumber, toPartContent(body)));
  }

  @Post(':id/commit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Commit a snapshot',
    description:
      'Checks that the parts and totals are the ones declared (an incomplete or empty snapshot never applies), computes the ' +
      'difference with the users and groups this source manages and applies it; answers when done. `dryRun` returns the ' +
      'difference only. A snapshot that would take access from more than the maxDeletePercent of the source users is ' +
      '`held` until an admin confirms it. Committing an applied snapshot again changes nothing.',
  })
  @ApiUuidParams('id')
  @ApiJsonBody(CommitSnapshotRequestDto, COMMIT_EXAMPLES)
  @ApiIdempotentWrite()
  @ApiProvisioningErrors({
    400: {
      description: 'An invalid body, or a snapshot that is incomplete or empty',
      code: 'invalid_input',
      message: 'The snapshot is incomplete and was not applied: parts 3 were not uploaded',
    },
    404: NO_SUCH_SNAPSHOT,
    409: NOT_OPEN,
  })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async commit(
    @CurrentProvisioner() caller: ProvisioningPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: CommitSnapshotRequestDto,
  ): Promise<SnapshotResponseDto> {
    const { dryRun, ...declaration } = body;
    return SnapshotResponseDto.from(await this.snapshots.commit(sourceOf(caller), id, declaration, dryRun ?? false));
  }
}

function sourceOf(caller: ProvisioningPrincipal): SnapshotSource {
  return { companyId: caller.companyId, integrationId: caller.integrationId, provider: DirectoryProvider.ProvisioningApi };
}
