import { Logger } from '@nestjs/common';
import { LastSyncRepository } from './last-sync.repository';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { LAST_SYNC_WRITE_INTERVAL_MS, LastSyncTracker } from './last-sync.tracker';
import { ScimPrincipal } from '../../common/auth/scim-principal';

describe(LastSyncTracker.name, () => {
  const okta: ScimPrincipal = { companyId: 'c1', integrationId: 'i1', provider: DirectoryProvider.Okta };
  const entra: ScimPrincipal = { companyId: 'c1', integrationId: 'i2', provider: DirectoryProvider.EntraId };
  let recordLastSync: jest.MockedFunction<LastSyncRepository['recordLastSync']>;
  let tracker: LastSyncTracker;

  beforeEach(() => {
    recordLastSync = jest.fn<Promise<void>, [string, string, Date]>().mockResolvedValue(undefined);
    tracker = new LastSyncTracker({ recordLastSync } as unknown as LastSyncRepository);
  });

  it('writes on the first request, then at most once per interval per integration', async () => {
    const start = 1_000_000;
    tracker.seen(okta, start);
    tracker.seen(okta, start + 1);
    tracker.seen(okta, start + LAST_SYNC_WRITE_INTERVAL_MS - 1);
    tracker.seen(entra, start + 2);
    tracker.seen(okta, start + LAST_SYNC_WRITE_INTERVAL_MS);
    await tracker.beforeApplicationShutdown();
    expect(recordLastSync.mock.calls).toEqual([
      ['c1', 'i1', new Date(start)],
      ['c1', 'i2', new Date(start + 2)],
      ['c1', 'i1', new Date(start + LAST_SYNC_WRITE_INTERVAL_MS)],
    ]);
  });

  it('logs a failed write and lets the next request retry it', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      recordLastSync.mockRejectedValueOnce(new Error('database unavailable'));
      tracker.seen(okta, 10);
      await tracker.beforeApplicationShutdown();
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ integrationId: 'i1' }), expect.any(String));
      tracker.seen(okta, 11);
      await tracker.beforeApplicationShutdown();
      expect(recordLastSync).toHaveBeenCalledTimes(2);
    } finally {
      error.mockRestore();
    }
  });

  it('forgets integrations whose interval has passed once it remembers many', async () => {
    for (let n = 0; n <= 10_000; n++) tracker.seen({ ...okta, integrationId: `i${n}` }, 0);
    expect(tracker.trackedIntegrations).toBe(10_001);
    tracker.seen(entra, LAST_SYNC_WRITE_INTERVAL_MS);
    expect(tracker.trackedIntegrations).toBe(1);
    await tracker.beforeApplicationShutdown();
  });

  it('does not make the request wait for the write', () => {
    recordLastSync.mockReturnValue(new Promise(() => undefined));
    expect(tracker.seen(okta, 0)).toBeUndefined();
  });
});
