import { TokenOwner } from './provisioning-tokens.repository';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { ProvisioningTokenCache } from './provisioning-token.cache';

const HASH = Buffer.from('a-token-hash');
const OWNER: TokenOwner = { companyId: 'company', integrationId: 'integration', provider: DirectoryProvider.Okta, tokenHash: HASH };

describe(ProvisioningTokenCache.name, () => {
  it('asks the database once, then answers from memory until a token changes', async () => {
    const cache = new ProvisioningTokenCache();
    const load = jest.fn(async () => OWNER);
    expect(await cache.lookup(HASH, load)).toBe(OWNER);
    expect(await cache.lookup(HASH, load)).toBe(OWNER);
    expect(load).toHaveBeenCalledTimes(1);
    cache.invalidate();
    await cache.lookup(HASH, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never remembers an unknown token, so that a new one works at once', async () => {
    const cache = new ProvisioningTokenCache();
    const load = jest.fn(async (): Promise<TokenOwner | null> => null);
    await cache.lookup(HASH, load);
    load.mockResolvedValue(OWNER);
    expect(await cache.lookup(HASH, load)).toBe(OWNER);
  });

  it('does not remember an owner read while a token changed', async () => {
    const cache = new ProvisioningTokenCache();
    let finishRead!: (owner: TokenOwner) => void;
    const pending = cache.lookup(HASH, () => new Promise<TokenOwner>((resolve) => (finishRead = resolve)));
    cache.invalidate();
    finishRead(OWNER);
    await pending;
    const load = jest.fn(async () => null);
    expect(await cache.lookup(HASH, load)).toBeNull();
  });

  it('asks the database every time while suspended', async () => {
    const cache = new ProvisioningTokenCache();
    const load = jest.fn(async () => OWNER);
    await cache.lookup(HASH, load);
    cache.suspend();
    await cache.lookup(HASH, load);
    await cache.lookup(HASH, load);
    expect(load).toHaveBeenCalledTimes(3);
    cache.resume();
    await cache.lookup(HASH, load);
    await cache.lookup(HASH, load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
