import 'reflect-metadata';
import { loadConfiguration } from './configuration';
import { ConfigurationError } from './environment';

describe('loadConfiguration: webhooks', () => {
  it('stops a production start without WEBHOOK_SECRET_KEY', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow('WEBHOOK_SECRET_KEY must be set when NODE_ENV=production');
  });

  it('reads the key as hex or base64, and refuses one of another length', () => {
    const hex = loadConfiguration({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'ab'.repeat(32) });
    expect(hex.webhooks.secretKey).toEqual(Buffer.alloc(32, 0xab));
    const base64 = loadConfiguration({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(base64.webhooks.secretKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfiguration({ WEBHOOK_SECRET_KEY: 'short' })).toThrow('WEBHOOK_SECRET_KEY must be 32 bytes');
  });

  it('starts elsewhere with a development key, and splits the allowed hosts', () => {
    const config = loadConfiguration({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1, hooks.internal ,10.0.0.0/8' });
    expect(config.webhooks.secretKey).toHaveLength(32);
    expect(config.webhooks.allowedHosts).toEqual(['127.0.0.1', 'hooks.internal', '10.0.0.0/8']);
  });
});
