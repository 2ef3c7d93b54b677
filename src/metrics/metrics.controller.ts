import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { METRICS_TOKEN_SCHEME, MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/** Prometheus text exposition. */
@ApiTags('operations')
@ApiBearerAuth(METRICS_TOKEN_SCHEME)
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'The Prometheus text exposition: HTTP requests by route pattern, method and status with latency, SCIM ' +
      'operations by provider and outcome, database pool use, sync-log buffer depth and retention purges. Served only ' +
      'when METRICS_TOKEN is set, to requests bearing it.',
  })
  @ApiOkResponse({
    description: 'The exposition (text/plain; version=0.0.4)',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example:
          '# TYPE dps_scim_operations_total counter\n' +
          'dps_scim_operations_total{provider="okta",resource="User",operation="create",outcome="success"} 1250\n',
      },
    },
  })
  @ApiErrors({
    401: {
      description: 'No bearer credential, or not METRICS_TOKEN',
      code: 'unknown_credential',
      message: 'A valid metrics token is required',
    },
    404: {
      description: 'METRICS_TOKEN is not set: there are no metrics',
      code: 'route_not_found',
      message: 'No route GET /metrics',
    },
    500: 'Unexpected failure; the body carries only the request id',
  })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
