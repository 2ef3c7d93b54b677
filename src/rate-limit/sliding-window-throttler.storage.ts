import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';

interface Counter {
  windowStart: number;
  ttl: number;
  /** This process's hits not yet added to the shared counter. */
  unshared: number;
  /** This process's hits the shared counter holds. */
  shared: number;
  /** Every other process's hits, as of the last exchange with the shared counter. */
  others: number;
  /** All hits of the window before, as last known: they count less as this window goes on. */
  previous: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_INTERVAL_MS = 60_000;
/** Shared windows older than this are deleted (the windows in use are a minute long). */
const SHARED_WINDOWS_KEPT_MS = 10 * 60_000;
/** How often the counters are exchanged with the other processes: the most hits another process may not yet see. */
export const SHARE_INTERVAL_MS = 250;

/**
 * Window counters, O(1) per request (the library's default storage keeps and filters one timestamp per hit): the
 * current window's hits plus the previous window's, weighted by how much of it a window ending now would still cover.
 * Windows start on multiples of their length, the same for every process. With `shared` (PostgreSQL), each process
 * adds its hits to the shared counters every SHARE_INTERVAL_MS and reads back the total, and the first hit of a window
 * reads what others counted already: so WEB_CONCURRENCY workers and instances together keep one limit, give or take
 * what arrives within one interval. Without it (the embedded database: one process) the counters are this process's.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(SlidingWindowThrottlerStorage.name);
  private readonly counters = new Map<string, Counter>();
  private readonly timers: NodeJS.Timeout[] = [];
  private sharing: Promise<void> | null = null;

  constructor(private readonly sharedCounters?: RateLimitCountersRepository) {
    this.timers.push(setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS));
    if (sharedCounters) this.timers.push(setInterval(() => void this.share(), SHARE_INTERVAL_MS));
    this.timers.forEach((timer) => timer.unref());
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const windowStart = now - (now % ttl);
    let counter = this.counters.get(key);
    if (!counter || counter.windowStart !== windowStart) {
      const previous = counter?.windowStart === windowStart - ttl ? hitsOf(counter) : 0;
      counter = { windowStart, ttl, unshared: 0, shared: 0, others: 0, previous };
      this.counters.set(key, counter);
      if (this.sharedCounters) Object.assign(counter, await this.sharedSoFar(key, windowStart, ttl, previous));
    }
    counter.unshared += 1;
    // The window before weighs what is left of it over a window sliding to now: no burst of twice the limit around
    // a boundary, and the same count however the windows fall.
    const hits = hitsOf(counter) + counter.previous * (1 - (now - windowStart) / ttl);
    const isBlocked = hits > limit;
    const timeToExpire = Math.max(1, Math.ceil((windowStart + ttl - now) / 1000));
    return { totalHits: Math.ceil(hits), timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  /** What every process counted in this window and the one before, for a counter this process starts. */
  private async sharedSoFar(key: string, windowStart: number, ttl: number, previous: number): Promise<Partial<Counter>> {
    try {
      const totals = await this.sharedCounters!.totals(key, [windowStart, windowStart - ttl]);
      return { others: totals[0], previous: Math.max(previous, totals[1]) };
    } catch (error) {
      // The limit then holds per process until the next exchange; a request is never failed for it.
      this.logger.warn(`Shared rate-limit counters unavailable: ${(error as Error).message}`);
      return {};
    }
  }

  /** Adds this process's new hits of the current windows to the shared counters and reads back their totals. */
  private share(): Promise<void> {
    if (!this.sharedCounters) return Promise.resolve();
    this.sharing ??= this.exchange().finally(() => (this.sharing = null));
    return this.sharing;
  }

  private async exchange(): Promise<void> {
    const now = Date.now();
    // One counter per key, so every key is sent once.
    const current = [...this.counters].filter(([, counter]) => now - counter.windowStart < counter.ttl);
    if (current.length === 0) return;
    const sent = current.map(([key, counter]) => ({ key, counter, hits: counter.unshared }));
    for (const { counter, hits } of sent) {
      counter.unshared -= hits;
      counter.shared += hits;
    }
    try {
      const totals = await this.sharedCounters!.add(
        sent.map(({ key, counter, hits }) => ({ key, windowStart: counter.windowStart, hits })),
      );
      for (const { key, counter } of sent) {
        const total = totals.get(key);
        if (total !== undefined) counter.others = Math.max(0, total - counter.shared);
      }
    } catch (error) {
      for (const { counter, hits } of sent) {
        counter.unshared += hits;
        counter.shared -= hits;
      }
      this.logger.warn(`Could not share rate-limit counts: ${(error as Error).message}`);
    }
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [key, counter] of this.counters) {
      // The window before still weighs on the current one.
      if (now - counter.windowStart >= 2 * counter.ttl) this.counters.delete(key);
    }
    await this.sharedCounters?.deleteBefore(now - SHARED_WINDOWS_KEPT_MS).catch(() => undefined);
  }
}

function hitsOf(counter: Counter): number {
  return counter.others + counter.shared + counter.unshared;
}
