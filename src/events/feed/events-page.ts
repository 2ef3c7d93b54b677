import { ChangeEvent } from '../change-event';

/** One answer of the feed: the events after the cursor, and the cursor to resume after the last of them. */
export interface EventsPage {
  events: ChangeEvent[];
  nextCursor: string;
}

/** How a reader of the feed asks: after which cursor, how many at most, and how long to wait for the first. */
export interface EventsRequest {
  /** Absent: from the oldest event kept. */
  after?: string;
  limit: number;
  waitMs: number;
  /** Aborts when the client goes away, ending its wait. */
  gone: AbortSignal;
}
