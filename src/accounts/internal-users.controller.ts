import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../internal-auth/service-principal';
import { AccountsService } from './accounts.service';
import { FindUserQueryDto } from './dto/find-user.query.dto';
import { InternalUserResponseDto } from './dto/internal-user.response.dto';
import { LifecycleEvent } from './user-lifecycle';
import { ParseUuidPipe } from '../common/validation/parse-uuid.pipe';

@ApiTags('internal: users')
@InternalAuth()
@Controller('api/internal/companies/:companyId/users')
export class InternalUsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: InternalUserResponseDto, description: '404 when no such user (deleted users are not found)' })
  async findByEmail(
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Query() query: FindUserQueryDto,
  ): Promise<InternalUserResponseDto> {
    const user = await this.accounts.findUserByUserName(companyId, query.email);
    return InternalUserResponseDto.from(user, await this.accounts.groupsOfUser(companyId, user.id));
  }

  /** The vault service reports the user finished setting a master password: provisioned → active. */
  @Post(':id/master-password-set')
  @HttpCode(200)
  @ApiOkResponse({ type: InternalUserResponseDto, description: 'Repeating the report for an active user is harmless' })
  async masterPasswordSet(
    @CurrentService() service: ServicePrincipal,
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InternalUserResponseDto> {
    const user = await this.accounts.transitionUser(companyId, id, LifecycleEvent.MasterPasswordSet, {
      type: 'service',
      id: service.serviceName,
    });
    return InternalUserResponseDto.from(user, await this.accounts.groupsOfUser(companyId, id));
  }
}
