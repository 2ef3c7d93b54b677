import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, CurrentAdmin } from '../admin-auth/admin-auth.decorators';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ApiAdminErrors } from '../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { UpdateGoogleWorkspaceRequestDto, UploadServiceAccountKeyRequestDto } from './dto/google-workspace-setup.request.dto';
import { ConnectionTestResponseDto, GoogleWorkspaceResponseDto, GoogleWorkspaceRunDto } from './dto/google-workspace.response.dto';
import { GoogleWorkspaceService } from './google-workspace.service';

const NOT_SET_UP = {
  description: 'The setup is incomplete (key, admin email, customer or domain, scope), or the key cannot be used',
  code: 'precondition_failed',
  message: 'Google Workspace is not set up: the admin email to impersonate missing',
};

@ApiTags('admin: google workspace')
@AdminAuth()
@Controller('api/admin/google-workspace')
export class AdminGoogleWorkspaceController {
  constructor(private readonly googleWorkspace: GoogleWorkspaceService) {}

  @Get()
  @ApiOperation({
    summary: 'The Google Workspace tab',
    description:
      'Its setup (never the key), the deprovisioning settings, the last runs (duration, counts, errors), the next run and held snapshots.',
  })
  @ApiAdminErrors()
  @ApiOkResponse({ type: GoogleWorkspaceResponseDto })
  async get(@CurrentAdmin() admin: AdminPrincipal): Promise<GoogleWorkspaceResponseDto> {
    return GoogleWorkspaceResponseDto.from(await this.googleWorkspace.overview(admin));
  }

  @Put('service-account-key')
  @ApiOperation({
    summary: 'Upload the service account key',
    description:
      'Checked (a service_account key with an RSA private key), stored encrypted and never shown again; replaces any earlier key.',
  })
  @ApiJsonBody(UploadServiceAccountKeyRequestDto, {
    key: {
      summary: "The key file's text",
      value: {
        serviceAccountKey:
          '{"type":"service_account","project_id":"acme","private_key_id":"8c2f7d1e0a9b","private_key":"-----BEGIN PRIVATE KEY-----…","client_email":"dps-sync@acme.iam.gserviceaccount.com"}',
      },
    },
  })
  @ApiAdminErrors({
    400: {
      description: 'Not a service account key',
      code: 'invalid_input',
      message: 'The service account key is not valid: "type" must be "service_account"',
    },
    412: {
      description: 'No key encryption key is configured',
      code: 'precondition_failed',
      message: 'GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY is not set: …',
    },
  })
  @ApiOkResponse({ type: GoogleWorkspaceResponseDto })
  async uploadKey(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: UploadServiceAccountKeyRequestDto,
  ): Promise<GoogleWorkspaceResponseDto> {
    return GoogleWorkspaceResponseDto.from(await this.googleWorkspace.uploadKey(admin, body.serviceAccountKey));
  }

  @Patch()
  @ApiOperation({
    summary: 'Change the setup',
    description:
      'The admin to impersonate, the customer id or domain, the scope, the schedule, and the deprovisioning settings of the tab. ' +
      'What is left out keeps its value. Audit-logged with the values before and after.',
  })
  @ApiJsonBody(UpdateGoogleWorkspaceRequestDto, {
    setup: {
      summary: 'The directory, the admin and a schedule',
      value: { adminEmail: 'it-admin@acme.test', customerId: 'C03az79cb', scope: { kind: 'all' }, scheduleMinutes: 60 },
    },
    groups: {
      summary: 'Only the members of two groups, deleting the users who leave them',
      value: { scope: { kind: 'groups', values: ['staff@acme.test', 'contractors@acme.test'] }, deprovisionAction: 'delete' },
    },
  })
  @ApiAdminErrors({ 400: 'An invalid value' })
  @ApiOkResponse({ type: GoogleWorkspaceResponseDto })
  async update(@CurrentAdmin() admin: AdminPrincipal, @Body() body: UpdateGoogleWorkspaceRequestDto): Promise<GoogleWorkspaceResponseDto> {
    const { scope, ...rest } = body;
    return GoogleWorkspaceResponseDto.from(
      await this.googleWorkspace.update(admin, { ...rest, scopeKind: scope?.kind, scopeValues: scope?.values }),
    );
  }

  @Post('test-connection')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test connection',
    description: 'Checks the key, the domain-wide delegation, the admin’s permissions and the scope, in order; says which failed and why.',
  })
  @ApiAdminErrors({ 412: NOT_SET_UP })
  @ApiOkResponse({ type: ConnectionTestResponseDto })
  async testConnection(@CurrentAdmin() admin: AdminPrincipal): Promise<ConnectionTestResponseDto> {
    return this.googleWorkspace.testConnection(admin);
  }

  @Post('sync')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sync now',
    description:
      'Reads the directory and applies it through a directory snapshot; answers the run when it ends (`applied`, `held` or ' +
      '`failed` with its error: a failed run applies nothing).',
  })
  @ApiAdminErrors({
    409: {
      description: 'A run is under way',
      code: 'invalid_state_transition',
      message: 'A sync of this tab is under way: wait for it to end',
    },
    412: NOT_SET_UP,
  })
  @ApiOkResponse({ type: GoogleWorkspaceRunDto })
  async sync(@CurrentAdmin() admin: AdminPrincipal): Promise<GoogleWorkspaceRunDto> {
    return GoogleWorkspaceRunDto.from(await this.googleWorkspace.syncNow(admin));
  }
}
