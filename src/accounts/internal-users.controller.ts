import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiInternalErrors, invalidUuid } from '../common/openapi/api-errors.decorator';
import { ApiUuidParams } from '../common/openapi/api-uuid-params.decorator';
import { CurrentService, InternalAuth } from '../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../common/auth/service-principal';
import { ChangeSources } from '../common/auth/change-source';
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
  @ApiOperation({
    summary: 'Find a user by email',
    description:
      'A user of the company by userName (email, any case): its lifecycle state, whether it may log in, and its ' +
      'groups. Deleted users are not found.',
  })
  @ApiUuidParams('companyId')
  @ApiInternalErrors({
    400: {
      description: 'companyId is not a UUID, email is missing or too long, or an unknown query parameter',
      message: 'email must be longer than or equal to 1 characters',
      details: [{ field: 'email', problem: 'must be longer than or equal to 1 characters' }],
    },
    404: {
      description: 'No user with this email in the company (or no such company)',
      message: 'User alice@acme.test not found',
    },
  })
  @ApiOkResponse({ type: InternalUserResponseDto })
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
  @ApiOperation({
    summary: 'Report a master password set',
    description:
      'The vault service reports that the user finished setting a master password: `provisioned` becomes `active`. ' +
      'Repeating the report for an active user is harmless. Audit-logged with the calling service.',
  })
  @ApiUuidParams('companyId', 'id')
  @ApiInternalErrors({
    400: invalidUuid('companyId', 'id'),
    404: { description: 'No user with this id in the company', message: 'User 0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d not found' },
    409: {
      description: 'The user is disabled or deleted',
      code: 'invalid_state_transition',
      message: 'Cannot master password set a user in state disabled (from disabled to active is not allowed)',
    },
  })
  @ApiOkResponse({ type: InternalUserResponseDto, description: 'The user, now active' })
  async masterPasswordSet(
    @CurrentService() service: ServicePrincipal,
    @Param('companyId', ParseUuidPipe) companyId: string,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<InternalUserResponseDto> {
    const user = await this.accounts.transitionUser(
      companyId,
      ChangeSources.internal(service.serviceName),
      id,
      LifecycleEvent.MasterPasswordSet,
    );
    return InternalUserResponseDto.from(user, await this.accounts.groupsOfUser(companyId, id));
  }
}
