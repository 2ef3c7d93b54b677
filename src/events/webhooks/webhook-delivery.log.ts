import { Injectable } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** The delivery log as retention sees it. */
@Injectable()
export class WebhookDeliveryLog {
  constructor(private readonly deliveries: WebhookDeliveriesRepository) {}

  /** Deletes up to `limit` deliveries of every endpoint older than `days` days; returns how many. */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    return this.deliveries.deleteOlderThan(days, limit);
  }
}
