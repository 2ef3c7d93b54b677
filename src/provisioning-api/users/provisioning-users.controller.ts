import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '../../accounts/accounts.service';
import { ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { pageOf } from '../../common/pagination/page';
import { DEFAULT_PAGE_SIZE, IdCursorPageQueryDto } from '../../common/pagination/id-cursor-page.query.dto';
import { CurrentProvisioner, ProvisioningApiAuth } from '../authentication/provisioning-api-auth.decorators';
import { ApiProvisioningErrors } from '../provisioning-api-errors.decorator';
import { ApiUserPageResponseDto, ApiUserResponseDto } from './dto/api-user.response.dto';

@ApiTags('provisioning: users')
@ProvisioningApiAuth()
@Controller('api/v1/users')
export class ProvisioningUsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'List users',
    description: "One page of your company's users in id order; pass `nextCursor` as `cursor` for the next page. Any key.",
  })
  @ApiProvisioningErrors({
    400: {
      description: 'A cursor that is not a UUID, an invalid limit, or an unknown query parameter',
      message: 'cursor must be a UUID',
      details: [{ field: 'cursor', problem: 'must be a UUID' }],
    },
  })
  @ApiOkResponse({ type: ApiUserPageResponseDto })
  async list(@CurrentProvisioner() caller: ProvisioningPrincipal, @Query() query: IdCursorPageQueryDto): Promise<ApiUserPageResponseDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.accounts.listUsersForAdmin(caller.companyId, { afterId: query.cursor, limit: limit + 1 });
    const page = pageOf(rows, limit, (last) => last.id);
    return { items: page.items.map((user) => ApiUserResponseDto.from(user)), nextCursor: page.nextCursor };
  }
}
