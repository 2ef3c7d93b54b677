import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Keeps the endpoints' signing secrets encrypted at rest (AES-256-GCM with WEBHOOK_SECRET_KEY). They cannot be only
 * hashed, as a provisioning token is: the sender needs them in clear to sign. Stored as iv ‖ tag ‖ ciphertext.
 */
@Injectable()
export class WebhookSecretCipher {
  private readonly key: Buffer;

  constructor(config: ConfigService<AppConfiguration, true>) {
    this.key = config.get('webhooks', { infer: true }).secretKey;
  }

  encrypt(secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Throws when the stored value was not encrypted with this key (WEBHOOK_SECRET_KEY changed). */
  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv(ALGORITHM, this.key, stored.subarray(0, IV_BYTES));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
