import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../internal-auth/service-principal';
import { ListResetsQueryDto } from './dto/list-resets.query.dto';
import { MasterPasswordResetResponseDto } from './dto/master-password-reset.response.dto';
import { MasterPasswordResetsService } from './master-password-resets.service';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

@ApiTags('internal: master-password resets')
@InternalAuth()
@Controller('api/internal/companies/:companyId/master-password-resets')
export class InternalMasterPasswordResetsController {
  constructor(private readonly resets: MasterPasswordResetsService) {}

  @Get()
  @ApiOkResponse({ type: [MasterPasswordResetResponseDto] })
  async listPending(
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Query() _query: ListResetsQueryDto,
  ): Promise<MasterPasswordResetResponseDto[]> {
    const pending = await this.resets.listPending(companyId);
    return pending.map(({ reset, userName }) => MasterPasswordResetResponseDto.from(reset, userName));
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
