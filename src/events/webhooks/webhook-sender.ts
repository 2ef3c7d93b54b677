import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { PostOutcome, WebhookTransport } from './webhook-transport';

/** What a webhook carries: a change event, or the `webhook.test` ping, in the same shape. */
export interface WebhookMessage {
  id: string;
  type: string;
}

/**
 * Signs one message per the Standard Webhooks specification, with its maintained library (`webhook-id` is the
 * event's id, the same on every attempt so that receivers can drop duplicates), and posts it to the endpoint.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly cipher: WebhookSecretCipher,
    private readonly transport: WebhookTransport,
  ) {}

  async send(endpoint: WebhookEndpoint, message: WebhookMessage, stop?: AbortSignal): Promise<PostOutcome> {
    const body = JSON.stringify(message);
    const sentAt = new Date();
    let signature: string;
    try {
      signature = new Webhook(this.cipher.decrypt(endpoint.secretCiphertext)).sign(message.id, sentAt, body);
    } catch {
      return {
        succeeded: false,
        responseStatus: null,
        durationMs: 0,
        error: 'The signing secret cannot be decrypted (WEBHOOK_SECRET_KEY changed): rotate the secret',
      };
    }
    const headers = {
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    };
    return this.transport.post(endpoint.url, headers, body, stop);
  }
}
