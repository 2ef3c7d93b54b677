import {
  Body,
  createParamDecorator,
  Delete,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Param,
  Patch,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorAnswers, invalidUuid } from '../../common/openapi/api-errors.decorator';
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
import { WebhookOwner } from './webhook-owner';
import {
  CREATE_EXAMPLES,
  NO_SUCH_WEBHOOK,
  REDELIVER_DESCRIPTION,
  REFUSED_URL,
  TEST_DESCRIPTION,
  UPDATE_EXAMPLES,
} from './webhook-route-docs';

/** What differs between the admin and the internal webhook routes: who owns the endpoints, and how they are described. */
export interface WebhookRoutesSurface {
  /** The owner of the endpoints from the request's authenticated principal. */
  ownerOf(principal: unknown): WebhookOwner;
  /** The error answers of the surface's credential, added to each route's own. */
  errors(answers: ErrorAnswers): MethodDecorator & ClassDecorator;
  createSummary: string;
  createDescription: string;
  listDescription: string;
  /** Appended to the descriptions of the changes that are audit-logged (empty where none is). */
  audited: string;
}

/**
 * The webhook endpoint routes, one set per surface; the surface's controller adds its path and authentication.
 * Every route acts as the request's owner: an admin on their company's endpoints, a service on every company's.
 */
export function webhookRoutes(surface: WebhookRoutesSurface): Type<object> {
  const Owner = createParamDecorator((_: unknown, context: ExecutionContext) =>
    surface.ownerOf(context.switchToHttp().getRequest<{ user: unknown }>().user),
  );

  @Injectable()
  class WebhookRoutes {
    constructor(private readonly webhooks: WebhookEndpointsService) {}

    @Post()
    @ApiOperation({ summary: surface.createSummary, description: surface.createDescription })
    @ApiJsonBody(CreateWebhookRequestDto, CREATE_EXAMPLES)
    @surface.errors({ 400: REFUSED_URL })
    @ApiCreatedResponse({ type: CreatedWebhookResponseDto })
    async create(@Owner() owner: WebhookOwner, @Body() body: CreateWebhookRequestDto): Promise<CreatedWebhookResponseDto> {
      const { endpoint, secret } = await this.webhooks.create(owner, body);
      return { ...WebhookEndpointResponseDto.from(endpoint), secret };
    }

    @Get()
    @ApiOperation({ summary: 'List webhook endpoints', description: surface.listDescription })
    @surface.errors({ 400: 'An invalid cursor or limit' })
    @ApiOkResponse({ type: WebhookEndpointPageDto })
    async list(@Owner() owner: WebhookOwner, @Query() query: IdCursorPageQueryDto): Promise<WebhookEndpointPageDto> {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await this.webhooks.list(owner, limit + 1, query.cursor);
      const page = pageOf(rows, limit, (last) => last.id);
      return { items: page.items.map((endpoint) => WebhookEndpointResponseDto.from(endpoint)), nextCursor: page.nextCursor };
    }

    @Get(':id')
    @ApiOperation({
      summary: 'Read a webhook endpoint',
      description: 'Its settings and delivery state (failures, next attempt, why it was disabled); never the secret.',
    })
    @ApiUuidParams('id')
    @surface.errors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
    @ApiOkResponse({ type: WebhookEndpointResponseDto })
    async get(@Owner() owner: WebhookOwner, @Param('id', ParseUuidPipe) id: string): Promise<WebhookEndpointResponseDto> {
      return WebhookEndpointResponseDto.from(await this.webhooks.get(owner, id));
    }

    @Patch(':id')
    @ApiOperation({
      summary: 'Change a webhook endpoint',
      description: 'URL, event types, description, enabled; absent fields stay. Enabling resumes with the next undelivered event.',
    })
    @ApiUuidParams('id')
    @ApiJsonBody(UpdateWebhookRequestDto, UPDATE_EXAMPLES)
    @surface.errors({ 400: REFUSED_URL, 404: NO_SUCH_WEBHOOK })
    @ApiOkResponse({ type: WebhookEndpointResponseDto })
    async update(
      @Owner() owner: WebhookOwner,
      @Param('id', ParseUuidPipe) id: string,
      @Body() body: UpdateWebhookRequestDto,
    ): Promise<WebhookEndpointResponseDto> {
      return WebhookEndpointResponseDto.from(await this.webhooks.update(owner, id, body));
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ summary: 'Delete a webhook endpoint', description: `Stops deliveries and forgets its delivery log.${surface.audited}` })
    @ApiUuidParams('id')
    @surface.errors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
    @ApiNoContentResponse({ description: 'Deleted' })
    async delete(@Owner() owner: WebhookOwner, @Param('id', ParseUuidPipe) id: string): Promise<void> {
      await this.webhooks.delete(owner, id);
    }

    @Post(':id/rotate-secret')
    @HttpCode(200)
    @ApiOperation({
      summary: 'Rotate the signing secret',
      description: `A new secret replaces the old one at once and is shown in this answer only.${surface.audited}`,
    })
    @ApiUuidParams('id')
    @surface.errors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
    @ApiOkResponse({ type: WebhookSecretResponseDto })
    async rotateSecret(@Owner() owner: WebhookOwner, @Param('id', ParseUuidPipe) id: string): Promise<WebhookSecretResponseDto> {
      return { secret: await this.webhooks.rotateSecret(owner, id) };
    }

    @Post(':id/test')
    @HttpCode(200)
    @ApiOperation({ summary: 'Send a test event', description: TEST_DESCRIPTION })
    @ApiUuidParams('id')
    @surface.errors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
    @ApiOkResponse({ type: WebhookDeliveryResponseDto })
    async test(@Owner() owner: WebhookOwner, @Param('id', ParseUuidPipe) id: string): Promise<WebhookDeliveryResponseDto> {
      return WebhookDeliveryResponseDto.from(await this.webhooks.sendTest(owner, id));
    }

    @Get(':id/deliveries')
    @ApiOperation({
      summary: 'List deliveries',
      description: 'The delivery log of the endpoint, newest first: every attempt with its status, answer, timing and next attempt.',
    })
    @ApiUuidParams('id')
    @surface.errors({ 400: invalidUuid('id'), 404: NO_SUCH_WEBHOOK })
    @ApiOkResponse({ type: WebhookDeliveryPageDto })
    async deliveries(
      @Owner() owner: WebhookOwner,
      @Param('id', ParseUuidPipe) id: string,
      @Query() query: IdCursorPageQueryDto,
    ): Promise<WebhookDeliveryPageDto> {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await this.webhooks.listDeliveries(owner, id, limit + 1, query.cursor);
      const page = pageOf(rows, limit, (last) => last.id);
      return { items: page.items.map((delivery) => WebhookDeliveryResponseDto.from(delivery)), nextCursor: page.nextCursor };
    }

    @Post(':id/deliveries/:deliveryId/redeliver')
    @HttpCode(200)
    @ApiOperation({ summary: 'Redeliver an event', description: REDELIVER_DESCRIPTION })
    @ApiUuidParams('id', 'deliveryId')
    @surface.errors({
      400: {
        description: 'A test ping, or an id that is not a UUID',
        code: 'invalid_input',
        message: 'A test ping is not redelivered: send a new one',
      },
      404: NO_SUCH_WEBHOOK,
    })
    @ApiOkResponse({ type: WebhookDeliveryResponseDto })
    async redeliver(
      @Owner() owner: WebhookOwner,
      @Param('id', ParseUuidPipe) id: string,
      @Param('deliveryId', ParseUuidPipe) deliveryId: string,
    ): Promise<WebhookDeliveryResponseDto> {
      return WebhookDeliveryResponseDto.from(await this.webhooks.redeliver(owner, id, deliveryId));
    }
  }
  return WebhookRoutes;
}
