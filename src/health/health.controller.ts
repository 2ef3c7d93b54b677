import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CompanyScopes } from '../common/tenancy/company-scope';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  // Liveness checks nothing but the process, so it never answers terminus's 503: document it by hand.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness',
    description: 'Answers 200 while the process serves HTTP; checks nothing else. No authentication.',
  })
  @ApiOkResponse({
    description: 'The process answers',
    schema: { type: 'object', properties: { status: { type: 'string' } } },
    example: { status: 'ok', info: {}, error: {}, details: {} },
  })
  @ApiErrors({ 500: 'Unexpected failure; the body carries only the request id' })
  live(): HealthCheckResult {
    // terminus's answer to an empty list of checks, without running its machinery on the hottest unauthenticated route.
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  @Get('ready')
  // A failed check answers the error body (not_ready), not terminus's report: document it by hand.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness',
    description:
      'Answers 200 when the database answers a ping within 2 seconds, 503 otherwise: route traffic to this instance ' +
      'only while it is ready. No authentication.',
  })
  @ApiOkResponse({
    description: 'The database answers',
    schema: { type: 'object', properties: { status: { type: 'string' } } },
    example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } },
  })
  @ApiErrors({
    500: 'Unexpected failure; the body carries only the request id',
    503: 'The database did not answer in time; `details` names the failing check',
  })
  ready(): Promise<HealthCheckResult> {
    // The ping reads no table, so it leaves the connection in the company scope it is in.
    return this.health.check([() => CompanyScopes.runInAnyScope(() => this.database.pingCheck('database', { timeout: 2000 }))]);
  }
}
