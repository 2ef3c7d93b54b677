import { ApiProperty } from '@nestjs/swagger';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';

export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid', example: '9e2d4c1b-7a3f-4b6e-8d5c-1a0f2e3d4c5b' })
  id: string;

  @ApiProperty({
    format: 'uuid',
    example: '6a1f3c9e-0d2b-4f5e-8a7c-1b2d3e4f5a6b',
    description: 'The event sent, also its `webhook-id` header',
  })
  eventId: string;

  @ApiProperty({ example: 'user.disabled' })
  eventType: string;

  @ApiProperty({ enum: ['automatic', 'redelivery', 'test'] })
  trigger: string;

  @ApiProperty({ example: 1, description: 'Which attempt at this event (1 for the first)' })
  attempt: number;

  @ApiProperty({ enum: ['succeeded', 'failed'] })
  status: 'succeeded' | 'failed';

  @ApiProperty({ nullable: true, type: Number, example: 200, description: 'The HTTP status answered; null when none came' })
  responseStatus: number | null;

  @ApiProperty({ example: 84 })
  durationMs: number;

  @ApiProperty({ nullable: true, type: String, example: 'The endpoint answered 503' })
  error: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null, description: 'When this failed event is tried again' })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:02.311Z' })
  createdAt: string;

  static from(delivery: WebhookDelivery): WebhookDeliveryResponseDto {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      trigger: delivery.trigger,
      attempt: delivery.attempt,
      status: delivery.succeeded ? 'succeeded' : 'failed',
      responseStatus: delivery.responseStatus,
      durationMs: delivery.durationMs,
      error: delivery.error,
      nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
    };
  }
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryResponseDto] })
  items: WebhookDeliveryResponseDto[];

  @ApiProperty({ nullable: true, type: String, format: 'uuid', example: null })
  nextCursor: string | null;
}
