import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../config/configuration';
import { RetentionService } from './retention.service';

/** An instance that restarts more often than the interval must still purge: its first run comes sooner. */
const FIRST_RUN_DELAY_MS = 60_000;

/** Runs the retention purge in the background of every instance, every RETENTION_INTERVAL_SECONDS. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    config: ConfigService<AppConfiguration, true>,
    private readonly retention: RetentionService,
  ) {
    this.intervalMs = config.get('retention', { infer: true }).intervalMs;
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule(Math.min(this.intervalMs, FIRST_RUN_DELAY_MS));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.retention.stop();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      // A failed run is logged and counted by the service; the next one comes all the same.
      void this.retention
        .runOnce()
        .catch(() => undefined)
        .finally(() => {
          if (this.timer) this.schedule(this.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
