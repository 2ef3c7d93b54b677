import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests one credential made in one window, summed over every process and instance (SharedWindowThrottlerStorage).
 * The key names the counter and a digest of the credential, never the credential itself.
 */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer' })
  hits: number;
}
