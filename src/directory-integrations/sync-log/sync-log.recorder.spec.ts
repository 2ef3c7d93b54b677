import { Logger } from '@nestjs/common';
import { SyncOperation } from '../entities/sync-log-entry.entity';
import {
  SYNC_LOG_FLUSH_INTERVAL_MS,
  SYNC_LOG_MAX_BATCH,
  SYNC_LOG_MAX_BUFFERED,
  SYNC_LOG_MAX_IN_FLIGHT,
  SyncLogRecorder,
} from './sync-log.recorder';
import { SyncLogRecord, SyncLogRepository } from './sync-log.repository';

describe(SyncLogRecorder.name, () => {
  let insertBatch: jest.MockedFunction<SyncLogRepository['insertBatch']>;
  let recorder: SyncLogRecorder;
  let logged: jest.SpyInstance;

  const entry = (n: number): SyncLogRecord => ({
    companyId: 'c1',
    integrationId: 'i1',
    operation: SyncOperation.Create,
    resourceType: 'User',
    resourceId: `u${n}`,
    status: 201,
    requestId: `r${n}`,
    occurredAt: new Date(n),
  });
  const rows = () => insertBatch.mock.calls.flatMap(([batch]) => batch.map((record) => record.resourceId));

  beforeEach(() => {
    jest.useFakeTimers();
    insertBatch = jest.fn<Promise<void>, [SyncLogRecord[]]>().mockResolvedValue(undefined);
    recorder = new SyncLogRecorder({ insertBatch } as unknown as SyncLogRepository);
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    logged.mockRestore();
  });

  it('writes nothing on the request path and batches what arrives within the interval', async () => {
    for (let n = 0; n < 5; n++) recorder.record(entry(n));
    expect(insertBatch).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(SYNC_LOG_FLUSH_INTERVAL_MS);
    expect(insertBatch).toHaveBeenCalledTimes(1);
    expect(rows()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
  });

  it('writes a full batch at once, and never more rows than a batch per INSERT', async () => {
    for (let n = 0; n < SYNC_LOG_MAX_BATCH * 2 + 1; n++) recorder.record(entry(n));
    expect(insertBatch).toHaveBeenCalledTimes(2);
    await recorder.drain();
    expect(insertBatch.mock.calls.map(([batch]) => batch.length)).toEqual([SYNC_LOG_MAX_BATCH, SYNC_LOG_MAX_BATCH, 1]);
    expect(new Set(rows()).size).toBe(SYNC_LOG_MAX_BATCH * 2 + 1);
  });

  it('keeps at most a few INSERTs running while the database is slow, then catches up in order', async () => {
    const pending: (() => void)[] = [];
    insertBatch.mockImplementation(() => new Promise<void>((resolve) => pending.push(resolve)));
    for (let n = 0; n < SYNC_LOG_MAX_BATCH * 5; n++) recorder.record(entry(n));
    await jest.advanceTimersByTimeAsync(SYNC_LOG_FLUSH_INTERVAL_MS * 3);
    expect(insertBatch).toHaveBeenCalledTimes(SYNC_LOG_MAX_IN_FLIGHT);
    const drained = recorder.drain();
    while (insertBatch.mock.calls.length < 5 || pending.length > 0) {
      pending.shift()?.();
      await jest.advanceTimersByTimeAsync(0);
    }
    await drained;
    expect(rows()).toEqual(Array.from({ length: SYNC_LOG_MAX_BATCH * 5 }, (_, n) => `u${n}`));
  });

  it('keeps recording order while an entry is still being completed, and drains it', async () => {
    let complete: (record: SyncLogRecord) => void = () => undefined;
    recorder.record(entry(1));
    recorder.recordWhenKnown(new Promise<SyncLogRecord>((resolve) => (complete = resolve)));
    recorder.record(entry(3));
    const drained = recorder.drain();
    await jest.advanceTimersByTimeAsync(SYNC_LOG_FLUSH_INTERVAL_MS);
    expect(rows()).toEqual(['u1']);
    complete(entry(2));
    await drained;
    expect(rows()).toEqual(['u1', 'u2', 'u3']);
  });

  it('logs a failed batch with its size and goes on with the next ones', async () => {
    insertBatch.mockRejectedValueOnce(new Error('database unavailable'));
    recorder.record(entry(1));
    await recorder.drain();
    recorder.record(entry(2));
    await recorder.drain();
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ lostEntries: 1 }), expect.any(String));
    expect(insertBatch).toHaveBeenCalledTimes(2);
  });

  it('drops and counts entries beyond the buffer limit instead of growing without bound', async () => {
    insertBatch.mockImplementation(() => new Promise<void>(() => undefined));
    for (let n = 0; n < SYNC_LOG_MAX_BUFFERED + SYNC_LOG_MAX_BATCH * (SYNC_LOG_MAX_IN_FLIGHT + 1); n++) recorder.record(entry(n));
    await jest.advanceTimersByTimeAsync(SYNC_LOG_FLUSH_INTERVAL_MS);
    expect(logged).toHaveBeenCalledWith({ lostEntries: SYNC_LOG_MAX_BATCH }, expect.any(String));
  });
});
