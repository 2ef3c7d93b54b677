import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInternalErrors, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../common/auth/service-principal';
import { ListResetsQueryDto } from './dto/list-resets.query.dto';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/id-cursor-page.query.dto';
import { MasterPasswordResetPageResponseDto, MasterPasswordResetResponseDto } from './dto/master-password-reset.response.dto';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

@ApiTags('internal: master-password resets')
@InternalAuth()
@Controller('api/internal/companies/:companyId/master-password-resets')
export class InternalMasterPasswordResetsController {
  constructor(private readonly resets: MasterPasswordResetsService) {}

  @Get()
  @ApiOperation({
    summary: 'List pending master-password resets',
    description:
      "The company's pending, unexpired master-password resets, oldest first, with each user's userName, for the " +
      'vault service to carry out with the user. Pass `nextCursor` as `cursor` for the next page.',
  })
  @ApiUuidParams('companyId')
  @ApiInternalErrors({
    400: {
      description: 'companyId is not a UUID, an unknown status, an invalid cursor or limit, or an unknown query parameter',
      message: "unknown status 'done'; valid: pending",
      details: [{ field: 'status', problem: "unknown status 'done'; valid: pending" }],
    },
  })
  @ApiOkResponse({ type: MasterPasswordResetPageResponseDto, description: 'Oldest first' })
  async listPending(
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Query() query: ListResetsQueryDto,
  ): Promise<MasterPasswordResetPageResponseDto> {
    const page = await this.resets.listPending(companyId, { cursor: query.cursor, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return {
      items: page.items.map(({ reset, userName }) => MasterPasswordResetResponseDto.from(reset, userName)),
      nextCursor: page.nextCursor,
    };
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete a master-password reset',
    description: 'The vault service reports that the user set a new master password. Audit-logged with the calling service.',
  })
  @ApiUuidParams('companyId', 'id')
  @ApiInternalErrors({
    400: invalidUuid('companyId', 'id'),
    404: {
      description: 'No reset with this id in the company',
      message: 'Master password reset 9a4c1e7b-3f2d-4e8a-b6c5-1d7f9e2a4b3c not found',
    },
    409: {
      description: 'The reset is already completed, or has expired',
      code: 'invalid_state_transition',
      message: 'Master password reset 9a4c1e7b-3f2d-4e8a-b6c5-1d7f9e2a4b3c has expired',
    },
  })
  @ApiOkResponse({ type: MasterPasswordResetResponseDto, description: 'The reset, now completed' })
  async complete(
    @CurrentService() service: ServicePrincipal,
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<MasterPasswordResetResponseDto> {
    return MasterPasswordResetResponseDto.from(await this.resets.complete(companyId, id, service.serviceName));
  }
}
