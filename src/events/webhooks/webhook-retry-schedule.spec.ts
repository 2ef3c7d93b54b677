import { MAX_RETRY_DELAY_MS, retryDelayMs } from './webhook-retry-schedule';

describe('retryDelayMs', () => {
  it('doubles per failure, between half and all of the step', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, () => 1)).toBe(8000);
    expect(retryDelayMs(4, 1000, () => 0)).toBe(4000);
  });

  it('never waits more than an hour', () => {
    expect(retryDelayMs(60, 5000, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });
});
