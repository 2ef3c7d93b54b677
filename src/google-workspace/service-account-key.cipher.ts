import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { AppConfiguration } from '../config/configuration';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Beside the embedded database's data, when no key is configured. */
export const GENERATED_KEY_FILE = 'google-workspace-key-encryption.key';

/**
 * Keeps service account keys encrypted at rest (AES-256-GCM, stored as iv ‖ tag ‖ ciphertext). The key is
 * GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY; without it, the embedded database's instance generates one beside its data
 * (one instance, one data directory), while an instance on DATABASE_URL refuses: its instances would not agree.
 */
@Injectable()
export class ServiceAccountKeyCipher {
  private readonly configured: Buffer | undefined;
  private readonly embeddedDataDir: string | undefined;
  private generated: Buffer | null = null;

  constructor(config: ConfigService<AppConfiguration, true>) {
    this.configured = config.get('googleWorkspace', { infer: true }).keyEncryptionKey;
    const database = config.get('database', { infer: true });
    this.embeddedDataDir = database.url ? undefined : database.dataDir;
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(), iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key(), stored.subarray(0, IV_BYTES));
      decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      if (error instanceof DomainException) throw error;
      throw new DomainException(
        DomainErrorCode.PreconditionFailed,
        'The stored service account key cannot be decrypted with this GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY: upload the key again',
      );
    }
  }

  private key(): Buffer {
    if (this.configured) return this.configured;
    if (!this.embeddedDataDir) {
      throw new DomainException(
        DomainErrorCode.PreconditionFailed,
        'GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY is not set: with DATABASE_URL every instance must share that key (32 bytes, ' +
          'e.g. `openssl rand -hex 32`) before a service account key can be stored or used',
      );
    }
    this.generated ??= generatedKey(this.embeddedDataDir);
    return this.generated;
  }
}

function generatedKey(dataDir: string): Buffer {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
