import { retryDelaySeconds } from './key-grant-retry';

describe(retryDelaySeconds.name, () => {
  it('waits 10 s after the first attempt and doubles with each one', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([10, 20, 40, 80]);
  });

  it('never waits more than an hour, however many attempts failed', () => {
    expect(retryDelaySeconds(9)).toBe(2560);
    expect(retryDelaySeconds(10)).toBe(3600);
    expect(retryDelaySeconds(1000)).toBe(3600);
  });
});
