import { randomBytes } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { WebhookSecretCipher } from './webhook-secret.cipher';
import { newSigningSecret } from './webhook-signing-secret';

function cipherWithKey(secretKey: Buffer): WebhookSecretCipher {
  const config = { get: () => ({ secretKey }) } as unknown as ConfigService<AppConfiguration, true>;
  return new WebhookSecretCipher(config);
}

describe(WebhookSecretCipher.name, () => {
  const key = randomBytes(32);

  it('gives back the secret it encrypted, never storing it in clear', () => {
    const secret = newSigningSecret();
    const stored = cipherWithKey(key).encrypt(secret);
    expect(stored.toString('utf8')).not.toContain(secret.slice(6));
    expect(cipherWithKey(key).decrypt(stored)).toBe(secret);
  });

  it('encrypts the same secret differently each time', () => {
    const secret = newSigningSecret();
    expect(cipherWithKey(key).encrypt(secret).equals(cipherWithKey(key).encrypt(secret))).toBe(false);
  });

  it('refuses a value altered or encrypted with another key', () => {
    const stored = cipherWithKey(key).encrypt(newSigningSecret());
    expect(() => cipherWithKey(randomBytes(32)).decrypt(stored)).toThrow();
    const altered = Buffer.from(stored);
    altered[altered.length - 1] ^= 1;
    expect(() => cipherWithKey(key).decrypt(altered)).toThrow();
  });
});
