import { Module } from '@nestjs/common';
import { ChangeEventsRetentionService } from './feed/change-events-retention.service';
import { EventsFeedController } from './feed/events-feed.controller';
import { EventsFeedRepository } from './feed/events-feed.repository';
import { EventsFeedService } from './feed/events-feed.service';
import { FeedWakeups } from './feed/feed-wakeups';
import { AppendedEventsSignal } from './outbox/appended-events.signal';
import { ChangeEventsOutbox } from './outbox/change-events.outbox';
import { ChangeEventsRepository } from './outbox/change-events.repository';
import { ChangeEventsSequencer } from './outbox/change-events.sequencer';
import { SequencedEventsSignal } from './outbox/sequenced-events.signal';

@Module({
  controllers: [EventsFeedController],
  providers: [
    ChangeEventsRepository,
    ChangeEventsOutbox,
    AppendedEventsSignal,
    SequencedEventsSignal,
    ChangeEventsSequencer,
    EventsFeedRepository,
    EventsFeedService,
    FeedWakeups,
    ChangeEventsRetentionService,
  ],
  exports: [ChangeEventsOutbox, ChangeEventsRepository, SequencedEventsSignal, ChangeEventsRetentionService],
})
export class EventsModule {}
