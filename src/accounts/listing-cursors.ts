import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

/**
 * Where a page of the users in creation order ended: `position` users come up to and including the user with this
 * creation time and id, as long as the company's live users have changed `changes` times (live_user_counts).
 * `createdAt` is PostgreSQL's text of the timestamp, exact to the microsecond.
 */
export interface ListingCursor {
  position: number;
  createdAt: string;
  id: string;
  changes: string;
}

/** Companies whose cursors an instance keeps, the least recently listed forgotten first. */
const COMPANIES = 1000;
/** Cursors kept per company: the pages a provider's import has in flight at once, and more. */
const CURSORS_PER_COMPANY = 64;

/**
 * The ends of the pages an instance served of each company's unfiltered user listing, so that the next page
 * (`startIndex`) starts from the nearest one instead of skipping every user before it. Only a hint: the query that
 * uses one reads, in its own snapshot, whether the company's users changed since (a count that only grows, so an
 * equal count means no user was created or deleted in between), and the page is read by offset otherwise.
 * Instances and workers each keep their own.
 */
@Injectable()
export class ListingCursors {
  private readonly byCompany = new LRUCache<string, ListingCursor[]>({ max: COMPANIES });

  /** The cursor with the greatest position not past `offset`. */
  nearest(companyId: string, offset: number): ListingCursor | undefined {
    let nearest: ListingCursor | undefined;
    for (const cursor of this.byCompany.get(companyId) ?? []) {
      if (cursor.position <= offset && (!nearest || cursor.position > nearest.position)) nearest = cursor;
    }
    return nearest;
  }

  remember(companyId: string, cursor: ListingCursor): void {
    const cursors = (this.byCompany.get(companyId) ?? []).filter((kept) => kept.position !== cursor.position);
    cursors.push(cursor);
    if (cursors.length > CURSORS_PER_COMPANY) cursors.shift();
    this.byCompany.set(companyId, cursors);
  }
}
