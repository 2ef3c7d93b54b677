import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentService, InternalAuth } from '../../internal-auth/internal-auth.decorators';
import { ServicePrincipal } from '../../common/auth/service-principal';
import { ApiInternalErrors, invalidUuid } from '../../common/openapi/api-errors.decorator';
import { ApiJsonBody } from '../../common/openapi/api-json-body.decorator';
import { ApiUuidParams } from '../../common/openapi/api-uuid-params.decorator';
import { DEFAULT_PAGE_SIZE, IdCursorPageQueryDto } from '../../common/pagination/id-cursor-page.query.dto';
import { pageOf } from '../../common/pagination/page';
import { ParseUuidPipe } from '../../common/validation/parse-uuid.pipe';
import { WebhookDeliveryPageDto, WebhookDeliveryResponseDto } from './dto/webhook-delivery.response.dto';
import { CreateWebhookRequestDto, UpdateWebhookRequestDto } from './dto/webhook-endpoint.request.dto';
import {
  CreatedWebhookResponseDto,
  WebhookEndpointPageDto,
  WebhookEndpointResponseDto,
  WebhookSecretResponseDto,
} from './dto/webhook-endpoint.response.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookOwners } from './webhook-owner';
import {
  CREATE_EXAMPLES,
  NO_SUCH_WEBHOOK,
  REDELIVER_DESCRIPTION,
  REFUSED_URL,
  TEST_DESCRIPTION,
  UPDATE_EXAMPLES,
} from './webhook-route-docs';

@ApiTags('internal: webhooks')
@InternalAuth()
@Controller('api/internal/webhooks')
export class InternalWebhooksController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint for every company',
    description:
      "Posts every company's change events from now on to the URL, signed per Standard Webhooks, for a service that " +
      'serves all companies. The answer carries the signing secret, the only time it is shown.',
  })
  @ApiJsonBody(CreateWebhookRequestDto, CREATE_EXAMPLES)
  @ApiInternalErrors({ 400: REFUSED_URL })
  @ApiCreatedResponse({ type: CreatedWebhookResponseDto })
  async create(@CurrentService() service: ServicePrincipal, @Body() body: CreateWebhookRequestDto): Promise<CreatedWebhookResponseDto> {
    const { endpoint, secret } = await this.webhooks.create(WebhookOwners.service(service.serviceName), body);
    return { ...WebhookEndpointResponseDto.from(endpoint), secret };
  }

  @Get()
  @ApiOperation({
    summary: 'List webhook endpoints',
    description: 'The endpoints registered for every company, by any service, in id order, without secrets.',
  })
  @ApiInternalErrors({ 400: 'An invalid cursor or limit' })
  @ApiOkResponse({ type: WebhookEndpointPageDto })
  async list(@CurrentService() service: ServicePrincipal, @Query() query: IdCursorPageQueryDto): Promise<WebhookEndpointPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.webhooks.list(WebhookOwners.service(service.serviceName), limit + 1, query.cursor);
    const page = pageOf(rows, limit, (last) => last.id);
    return { items: page.items.map((endpoint) => WebhookEndpointResponseDto.from(endpoint)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a webhook endpoint',
    description: 'Its settings and delivery state (failures, next attempt, why it was disabled); never the secret.',
  })
  @ApiUuidParams('id')
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async get(@CurrentService() service: ServicePrincipal, @Param('id', ParseUuidPipe) id: string): Promise<WebhookEndpointResponseDto> {
    return WebhookEndpointResponseDto.from(await this.webhooks.get(WebhookOwners.service(service.serviceName), id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a webhook endpoint',
    description: 'URL, event types, description, enabled; absent fields stay. Enabling resumes with the next undelivered event.',
  })
  @ApiUuidParams('id')
  @ApiJsonBody(UpdateWebhookRequestDto, UPDATE_EXAMPLES)
  @ApiInternalErrors({ 400: REFUSED_URL, 404: NO_SUCH_WEBHOOK })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async update(
    @CurrentService() service: ServicePrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateWebhookRequestDto,
  ): Promise<WebhookEndpointResponseDto> {
    return WebhookEndpointResponseDto.from(await this.webhooks.update(WebhookOwners.service(service.serviceName), id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'Stops deliveries and forgets its delivery log.' })
  @ApiUuidParams('id')
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@CurrentService() service: ServicePrincipal, @Param('id', ParseUuidPipe) id: string): Promise<void> {
    await this.webhooks.delete(WebhookOwners.service(service.serviceName), id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'A new secret replaces the old one at once and is shown in this answer only.',
  })
  @ApiUuidParams('id')
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
  @ApiOkResponse({ type: WebhookSecretResponseDto })
  async rotateSecret(
    @CurrentService() service: ServicePrincipal,
    @Param('id', ParseUuidPipe) id: string,
  ): Promise<WebhookSecretResponseDto> {
    return { secret: await this.webhooks.rotateSecret(WebhookOwners.service(service.serviceName), id) };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test event', description: TEST_DESCRIPTION })
  @ApiUuidParams('id')
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
  @ApiOkResponse({ type: WebhookDeliveryResponseDto })
  async test(@CurrentService() service: ServicePrincipal, @Param('id', ParseUuidPipe) id: string): Promise<WebhookDeliveryResponseDto> {
    return WebhookDeliveryResponseDto.from(await this.webhooks.sendTest(WebhookOwners.service(service.serviceName), id));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'List deliveries',
    description: 'The delivery log of the endpoint, newest first: every attempt with its status, answer, timing and next attempt.',
  })
  @ApiUuidParams('id')
  @ApiInternalErrors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  async deliveries(
    @CurrentService() service: ServicePrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: IdCursorPageQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.webhooks.listDeliveries(WebhookOwners.service(service.serviceName), id, limit + 1, query.cursor);
    const page = pageOf(rows, limit, (last) => last.id);
    return { items: page.items.map((delivery) => WebhookDeliveryResponseDto.from(delivery)), nextCursor: page.nextCursor };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Redeliver an event', description: REDELIVER_DESCRIPTION })
  @ApiUuidParams('id', 'deliveryId')
  @ApiInternalErrors({
    400: {
      description: 'A test ping, or an id that is not a UUID',
      code: 'invalid_input',
      message: 'A test ping is not redelivered: send a new one',
    },
    404: NO_SUCH_WEBHOOK,
  })
  @ApiOkResponse({ type: WebhookDeliveryResponseDto })
  async redeliver(
    @CurrentService() service: ServicePrincipal,
    @Param('id', ParseUuidPipe) id: string,
    @Param('deliveryId', ParseUuidPipe) deliveryId: string,
  ): Promise<WebhookDeliveryResponseDto> {
    return WebhookDeliveryResponseDto.from(await this.webhooks.redeliver(WebhookOwners.service(service.serviceName), id, deliveryId));
  }
}
