import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_EVENT_TYPES, ChangeEvent, ChangeEventType, EventSubject } from '../../change-event';
import { ChangeSource } from '../../../common/auth/change-source';

/** ChangeEvent as the OpenAPI document declares it; docs/events.md and docs/events/schemas describe each type. */
export class ChangeEventDto implements ChangeEvent {
  @ApiProperty({ format: 'uuid', example: '6f1d2c3b-4a59-4e1f-8a7b-9c0d1e2f3a4b', description: 'Unique; the same on every delivery' })
  id: string;

  @ApiProperty({ enum: CHANGE_EVENT_TYPES, example: 'user.disabled' })
  type: ChangeEventType;

  @ApiProperty({ format: 'uuid', example: '3c9e1f7a-2b4d-4e8f-9a1c-5d7e9f1b3c5e' })
  companyId: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:02.118Z', description: 'When the change was made' })
  occurredAt: string;

  @ApiProperty({ example: '1043', description: 'Order among the events of every company: gap-free, increasing (decimal string)' })
  position: string;

  @ApiProperty({ example: '57', description: "Order among the company's events: gap-free, increasing (decimal string)" })
  sequence: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Who made the change: `scim` (integrationId, provider), `admin` (adminId, email), `internal` (service), `system` (job)',
    example: { type: 'scim', integrationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', provider: 'okta' },
  })
  source: ChangeSource;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The user (id, userName, externalId) or group (id, displayName, externalId) changed',
    example: { type: 'user', id: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d', userName: 'alice@acme.test', externalId: '00u1a2b3c4' },
  })
  subject: EventSubject;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed, per type (docs/events.md)',
    example: { state: { before: 'active', after: 'disabled' } },
  })
  data: Record<string, unknown>;
}

export class EventsPageDto {
  @ApiProperty({ type: [ChangeEventDto], description: 'In feed order; empty when none came within `wait`' })
  events: ChangeEventDto[];

  @ApiProperty({ example: '1043', description: 'Pass as `after` to read on: after the last event here, or the same cursor when none' })
  nextCursor: string;
}
