import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_EVENT_TYPES } from '../../change-event';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';

export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid', example: '3d6f0a1e-2b4c-4e8f-9a7d-5c1b2e3f4a6b' })
  id: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: '7c1e4b2a-9d3f-4e6a-8b5c-2f1a0d9e8c7b',
    description: "The company whose events it receives; null: every company's",
  })
  companyId: string | null;

  @ApiProperty({ example: 'https://hooks.acme.test/directory' })
  url: string;

  @ApiProperty({ example: 'Vault: revoke sessions on deprovisioning' })
  description: string;

  @ApiProperty({ enum: CHANGE_EVENT_TYPES, isArray: true, description: 'Empty: all types' })
  eventTypes: string[];

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'Why deliveries stopped, when the service disabled the endpoint itself',
  })
  disabledReason: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null })
  disabledAt: string | null;

  @ApiProperty({ example: 0, description: 'Failed attempts at the next event; 0 when deliveries succeed' })
  failedAttempts: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null, description: 'Since when deliveries fail' })
  failingSince: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null, description: 'When the failed event is tried again' })
  nextAttemptAt: string | null;

  @ApiProperty({
    example: '42',
    description: 'The last event delivered: its company sequence, or its position for an endpoint of every company',
  })
  lastDelivered: string;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'The internal service that registered it' })
  createdByService: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:00.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:00.000Z' })
  updatedAt: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponseDto {
    return {
      id: endpoint.id,
      companyId: endpoint.companyId,
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: endpoint.eventTypes,
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason,
      disabledAt: endpoint.disabledAt?.toISOString() ?? null,
      failedAttempts: endpoint.attempt,
      failingSince: endpoint.failingSince?.toISOString() ?? null,
      nextAttemptAt: endpoint.nextAttemptAt?.toISOString() ?? null,
      lastDelivered: endpoint.cursor,
      createdByService: endpoint.createdByService,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

export class WebhookEndpointPageDto {
  @ApiProperty({ type: [WebhookEndpointResponseDto] })
  items: WebhookEndpointResponseDto[];

  @ApiProperty({ nullable: true, type: String, format: 'uuid', example: null })
  nextCursor: string | null;
}

export class WebhookSecretResponseDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret (Standard Webhooks format): shown in this answer only, never again',
  })
  secret: string;
}

export class CreatedWebhookResponseDto extends WebhookEndpointResponseDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret: shown in this answer only' })
  secret: string;
}
