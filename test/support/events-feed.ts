import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, HttpTarget, TEST_SERVICE_SECRET, TestApp } from './test-app';
import { eventually } from './wait-for';

/** A change event as the feed answers it, read field by field in assertions. */
export type FeedEvent = Record<string, any>;

export interface FeedQuery {
  after?: string;
  limit?: number;
  wait?: number;
}

/** GET of the all-companies feed, or of one company's when companyId is given, as the test service. */
export function readFeed(app: HttpTarget, query: FeedQuery = {}, companyId?: string): Test {
  const path = companyId ? `/api/internal/companies/${companyId}/events` : '/api/internal/events';
  return app.http.get(path).query(query).set(bearer(TEST_SERVICE_SECRET));
}

/** Every event after the cursor (from the oldest kept when none), page by page until an empty page. */
export async function readAll(app: HttpTarget, after?: string, companyId?: string, limit = 1000): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  for (let cursor = after; ;) {
    const page = (await readFeed(app, { after: cursor, limit }, companyId).expect(200)).body;
    if (page.events.length === 0) return events;
    events.push(...page.events);
    cursor = page.nextCursor;
  }
}

/** The company's events once there are `count` of them (they are numbered just after their change commits). */
export async function companyEvents(app: HttpTarget, companyId: string, count: number, after = '0'): Promise<FeedEvent[]> {
  return eventually(async () => {
    const events = await readAll(app, after, companyId);
    expect(events).toHaveLength(count);
    return events;
  });
}

/** The last position given so far: where a test of the all-companies feed starts on a shared database. */
export async function lastPosition(app: TestApp): Promise<string> {
  const rows: { last: string }[] = await app.running.app
    .get(DataSource)
    .query(`SELECT coalesce(max(position), 0)::text AS last FROM change_events`);
  return rows[0].last;
}
