import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../internal-auth/service-principal';
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
  @ApiOkResponse({ type: MasterPasswordResetResponseDto, description: '409 when already completed or expired' })
  async complete(
    @CurrentService() service: ServicePrincipal,
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<MasterPasswordResetResponseDto> {
    return MasterPasswordResetResponseDto.from(await this.resets.complete(companyId, id, service.serviceName));
  }
}
