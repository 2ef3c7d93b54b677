import { RefusedWebhookAddress, WebhookAddressPolicy } from './webhook-address-policy';

describe(WebhookAddressPolicy.name, () => {
  const strict = new WebhookAddressPolicy([]);

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses %s', (address) => {
    expect(() => strict.assertAddress(address, address)).toThrow(RefusedWebhookAddress);
  });

  it.each(['93.184.215.14', '2606:4700::1111', '::ffff:93.184.215.14'])('accepts the public address %s', (address) => {
    expect(() => strict.assertAddress(address, address)).not.toThrow();
  });

  it('names the host, the address and the setting that would allow it', () => {
    expect(() => strict.assertAddress('intranet.test', '10.0.0.5')).toThrow(
      'intranet.test (10.0.0.5) is a private address, which webhooks may not reach; list the host in WEBHOOK_ALLOWED_HOSTS to allow it',
    );
  });

  it('allows listed addresses, ranges and host names', () => {
    const policy = new WebhookAddressPolicy(['127.0.0.1', '10.20.0.0/16', 'Receiver.Internal']);
    expect(() => policy.assertAddress('127.0.0.1', '127.0.0.1')).not.toThrow();
    expect(() => policy.assertAddress('x', '::ffff:127.0.0.1')).not.toThrow();
    expect(() => policy.assertAddress('x', '10.20.3.4')).not.toThrow();
    expect(() => policy.assertAddress('x', '10.21.3.4')).toThrow(RefusedWebhookAddress);
    expect(() => policy.assertAddress('x', '::1')).toThrow(RefusedWebhookAddress);
    expect(policy.allowsHost('receiver.internal')).toBe(true);
    expect(policy.allowsHost('localhost')).toBe(false);
  });

  it('refuses a host that resolves to loopback', async () => {
    await expect(strict.assertHost('localhost')).rejects.toThrow(RefusedWebhookAddress);
  });
});
