import { Module } from '@nestjs/common';
import { AppendedEventsSignal } from './outbox/appended-events.signal';
import { ChangeEventsOutbox } from './outbox/change-events.outbox';
import { ChangeEventsRepository } from './outbox/change-events.repository';
import { ChangeEventsSequencer } from './outbox/change-events.sequencer';
import { SequencedEventsSignal } from './outbox/sequenced-events.signal';

@Module({
  providers: [ChangeEventsRepository, ChangeEventsOutbox, AppendedEventsSignal, SequencedEventsSignal, ChangeEventsSequencer],
  exports: [ChangeEventsOutbox, ChangeEventsRepository, SequencedEventsSignal],
})
export class EventsModule {}
