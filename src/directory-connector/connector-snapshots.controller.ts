import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody, BodyExample } from '../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/id-cursor-page.query.dto';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';
import { DirectorySnapshotsService } from '../directory-sync/directory-snapshots.service';
import { CommitSnapshotRequestDto, MAX_SNAPSHOT_PARTS } from '../directory-sync/dto/commit-snapshot.request.dto';
import { SnapshotChangePageDto, SnapshotChangesQueryDto } from '../directory-sync/dto/snapshot-changes.dto';
import { SnapshotPartRequestDto } from '../directory-sync/dto/snapshot-part.request.dto';
import { SnapshotPartResponseDto, SnapshotResponseDto } from '../directory-sync/dto/snapshot.response.dto';
import { ParsePartNumberPipe } from '../directory-sync/parse-part-number.pipe';
import { toPartContent } from '../directory-sync/snapshot-part.mapping';
import { SnapshotStepsSyncLogInterceptor } from '../directory-sync/snapshot-steps-sync-log.interceptor';
import { ConnectorAuth, CurrentConnector } from './authentication/connector-auth.decorators';
import { ApiConnectorErrors, NO_SUCH_SNAPSHOT, NOT_OPEN } from './connector-api-errors.decorator';
import { ConnectorPrincipal } from './connector-principal';
import { connectorSource } from './directory-connector.service';

const PART_EXAMPLES: Record<string, BodyExample> = {
  users: {
    summary: 'Users read from the directory',
    value: {
      users: [
        { userName: 'ada@acme.test', externalId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', email: 'ada@acme.test', active: true },
        { userName: 'grace@acme.test', externalId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', active: false },
      ],
    },
  },
  memberships: {
    summary: 'Groups, nested members expanded',
    value: { memberships: [{ group: 'cn=engineering,ou=groups,dc=acme,dc=test', members: ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'] }] },
  },
};

const COMMIT_EXAMPLES: Record<string, BodyExample> = {
  apply: { summary: 'Apply', value: { parts: 3, users: 1200, groups: 40 } },
  dryRun: { summary: 'Show the difference only', value: { parts: 3, users: 1200, groups: 40, dryRun: true } },
};

/**
 * The directory snapshots of the Active Directory tab, sent by its agent: the protocol, checks and answers of
 * /api/v1/snapshots (docs/directory-sync.md), with the connector token.
 */
@ApiTags('connector')
@UseInterceptors(SnapshotStepsSyncLogInterceptor)
@ConnectorAuth()
@Controller('api/connector/v1/snapshots')
export class ConnectorSnapshotsController {
  constructor(private readonly snapshots: DirectorySnapshotsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a directory snapshot', description: 'Upload its parts, then commit it.' })
  @ApiConnectorErrors()
  @ApiCreatedResponse({ type: SnapshotResponseDto })
  async open(@CurrentConnector() agent: ConnectorPrincipal): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.open(connectorSource(agent)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a directory snapshot', description: 'Its state, the difference last computed and what applying did.' })
  @ApiUuidParams('id')
  @ApiConnectorErrors({ 400: invalidUuid('id'), 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async get(@CurrentConnector() agent: ConnectorPrincipal, @Param('id', ParseUuidPipe) id: string): Promise<SnapshotResponseDto> {
    return SnapshotResponseDto.from(await this.snapshots.getOwned(connectorSource(agent), id));
  }

  @Get(':id/changes')
  @ApiOperation({ summary: "Page through a snapshot's planned changes", description: 'What a dry run would change, in full.' })
  @ApiUuidParams('id')
  @ApiConnectorErrors({ 400: 'An invalid id, cursor or limit', 404: NO_SUCH_SNAPSHOT })
  @ApiOkResponse({ type: SnapshotChangePageDto })
  async changes(
    @CurrentConnector() agent: ConnectorPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: SnapshotChangesQueryDto,
  ): Promise<SnapshotChangePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.snapshots.changesOfOwned(connectorSource(agent), id, Number(query.cursor ?? 0), limit + 1);
    return SnapshotChangePageDto.from(rows, limit);
  }

  @Put(':id/parts/:partNumber')
  @ApiOperation({ summary: 'Upload a part', description: 'Uploading a part number again replaces it, so a failed upload is sent again.' })
  @ApiUuidParams('id')
  @ApiParam({ name: 'partNumber', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_SNAPSHOT_PARTS } })
  @ApiJsonBody(SnapshotPartRequestDto, PART_EXAMPLES)
  @ApiConnectorErrors({
    400: 'An invalid item, a part number out of range, or an item already in another part',
    404: NO_SUCH_SNAPSHOT,
    409: NOT_OPEN,
  })
  @ApiOkResponse({ type: SnapshotPartResponseDto })
  async uploadPart(
    @CurrentConnector() agent: ConnectorPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('partNumber', ParsePartNumberPipe) partNumber: number,
    @Body() body: SnapshotPartRequestDto,
  ): Promise<SnapshotPartResponseDto> {
    return SnapshotPartResponseDto.from(await this.snapshots.uploadPart(connectorSource(agent), id, partNumber, toPartContent(body)));
  }

  @Post(':id/commit')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Commit a snapshot',
    description:
      'Checks the declared parts and totals (an incomplete or empty snapshot never applies), computes the difference with ' +
      'what this tab manages and applies it, or holds it for an admin above maxDeletePercent. `dryRun` returns the difference only.',
  })
  @ApiUuidParams('id')
  @ApiJsonBody(CommitSnapshotRequestDto, COMMIT_EXAMPLES)
  @ApiConnectorErrors({ 400: 'An invalid body, or a snapshot that is incomplete or empty', 404: NO_SUCH_SNAPSHOT, 409: NOT_OPEN })
  @ApiOkResponse({ type: SnapshotResponseDto })
  async commit(
    @CurrentConnector() agent: ConnectorPrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: CommitSnapshotRequestDto,
  ): Promise<SnapshotResponseDto> {
    const { dryRun, ...declaration } = body;
    return SnapshotResponseDto.from(await this.snapshots.commit(connectorSource(agent), id, declaration, dryRun ?? false));
  }
}
