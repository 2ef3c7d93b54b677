import { ApiProperty } from '@nestjs/swagger';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';

export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The event sent, also its `webhook-id` header' })
  eventId: string;

  @ApiProperty({ example: 'user.disabled' })
  eventType: string;

  @ApiProperty({ enum: ['automatic', 'redelivery', 'test'] })
  trigger: string;

  @ApiProperty({ description: 'Which attempt at this event (1 for the first)' })
  attempt: number;

  @ApiProperty({ enum: ['succeeded', 'failed'] })
  status: 'succeeded' | 'failed';

  @ApiProperty({ nullable: true, type: Number, example: 200, description: 'The HTTP status answered; null when none came' })
  responseStatus: number | null;

  @ApiProperty({ example: 84 })
  durationMs: number;

  @ApiProperty({ nullable: true, type: String, example: 'The endpoint answered 503' })
  error: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When this failed event is tried again' })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time' })
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

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  nextCursor: string | null;
}
