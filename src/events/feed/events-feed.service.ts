import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { ApiException } from '../../common/errors/api.exception';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { AppConfiguration } from '../../config/configuration';
import { ChangeEvent } from '../change-event';
import { ChangeEventsRepository } from '../outbox/change-events.repository';
import { EventsFeedRepository } from './events-feed.repository';
import { EventsPage, EventsRequest } from './events-page';
import { FeedWakeups } from './feed-wakeups';

/**
 * The pull feed: sequenced events after a cursor, in order and without gaps, waiting for the first when asked to.
 * The cursor of the all-companies feed is a position, that of a company's feed the company's sequence. A cursor
 * before what retention kept is refused (410) rather than answered with a hole.
 */
@Injectable()
export class EventsFeedService {
  private readonly retentionDays: number;

  constructor(
    private readonly events: ChangeEventsRepository,
    private readonly feed: EventsFeedRepository,
    private readonly wakeups: FeedWakeups,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.retentionDays = config.get('retention', { infer: true }).eventsDays;
  }

  /** Every company's events after a position (system work). */
  async readAll({ after: cursor, limit, waitMs, gone }: EventsRequest): Promise<EventsPage> {
    const after = cursor ?? (await CompanyScopes.runAsSystem(() => this.feed.purgedThroughPosition()));
    const read = () =>
      CompanyScopes.runAsSystem(async () => {
        const events = await this.events.readAfter(after, limit);
        await this.assertKept(after, events[0]?.position, 'position', () => this.feed.purgedThroughPosition());
        return events;
      });
    const events = await this.wakeups.readWhenAny(read, waitMs, gone);
    return { events, nextCursor: events.at(-1)?.position ?? after };
  }

  /** One company's events after a sequence of that company, in the company's scope. */
  async readCompany(companyId: string, { after: cursor, limit, waitMs, gone }: EventsRequest): Promise<EventsPage> {
    const after = cursor ?? (await this.feed.purgedThroughSequence(companyId));
    const read = async (): Promise<ChangeEvent[]> => {
      const events = await this.events.readCompanyAfter(companyId, after, limit);
      await this.assertKept(after, events[0]?.sequence, 'sequence', () => this.feed.purgedThroughSequence(companyId));
      return events;
    };
    const events = await this.wakeups.readWhenAny(read, waitMs, gone);
    return { events, nextCursor: events.at(-1)?.sequence ?? after };
  }

  /**
   * Numbers are gap-free, so a first event past `after + 1` means those between were purged. With none found, the
   * purge bound is read afterwards: an event numbered meanwhile never makes a kept cursor look purged.
   */
  private async assertKept(after: string, first: string | undefined, unit: string, purgedThrough: () => Promise<string>): Promise<void> {
    const through = first === undefined ? BigInt(await purgedThrough()) : BigInt(first) - 1n;
    if (BigInt(after) >= through) return;
    throw new ApiException(
      410,
      ApiErrorCode.CursorExpired,
      `Events before ${unit} ${through + 1n} were purged after ${this.retentionDays} days (EVENTS_RETENTION_DAYS); ` +
        `resume from after=${through} and resync what changed before, or resync in full`,
      [{ field: 'after', problem: `is before ${through}, the last ${unit} purged` }],
    );
  }
}
