import { Injectable } from '@nestjs/common';
import { EventsFeedRepository } from './events-feed.repository';

/** Purges change events past EVENTS_RETENTION_DAYS for the retention job, oldest position first. */
@Injectable()
export class ChangeEventsRetentionService {
  constructor(private readonly feed: EventsFeedRepository) {}

  purgeOlderThan(days: number, limit: number): Promise<number> {
    return this.feed.purgeOlderThan(days, limit);
  }
}
