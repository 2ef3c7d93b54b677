import { BenchReport, checkTargets, PhaseReport } from '../bench/bench-report';

/** A phase measured at `rate` req/s, compared to the bearer floor at `share` of it. */
function phase(key: string, rate: number, share: number | null = null): PhaseReport {
  return {
    key,
    title: key,
    limit: null,
    valid: true,
    result: { requestsPerSecond: rate, latencyMs: { p50: 1, p95: 1, p99: 1, max: 1, mean: 1 } } as PhaseReport['result'],
    ratioToLimit: null,
    floor: 'bearer',
    ratioToFloor: share,
    serviceCpuMsPerRequest: null,
    databaseCpuMsPerRequest: null,
    benchCpuMsPerRequest: null,
    servicePeakRssMb: null,
    serviceHwmMb: null,
    databasePeakRssMb: null,
  };
}

function report(least: PhaseReport[]): Omit<BenchReport, 'targets' | 'valid' | 'errors'> {
  return {
    meta: {},
    limit: { insert: null, select: null },
    floor: { plain: null, bearer: phase('floor-bearer', 1000) },
    least,
    phases: [phase('lookup-username', 200, 0.2), phase('create', 150, 0.15)],
    comparison: null,
    bigGroupFullGet: null,
    bulkComparison: null,
    batchComparison: null,
    snapshot: null,
    eventLatency: null,
    servicePeakRssMb: null,
  };
}

const measuredOf = (targets: ReturnType<typeof checkTargets>, name: string) =>
  targets.find((target) => target.target.startsWith(`${name} of the bare framework`))!.measured;

describe('the targets against the framework floor', () => {
  it('say a target is out of reach on this machine only when the least implementation is below it', () => {
    const targets = checkTargets(report([phase('least-lookup', 450, 0.45), phase('least-create', 400, 0.4)]), 20_000);
    expect(measuredOf(targets, 'userName-eq lookup >= 50%')).toBe(
      '200 vs 1000 req/s = 20%; the least implementation 450 req/s = 45%, so out of reach on this machine',
    );
    expect(measuredOf(targets, 'user create >= 35%')).toBe('150 vs 1000 req/s = 15%; the least implementation 400 req/s = 40%');
  });

  it('leave the least implementation out where it was not measured (the embedded database)', () => {
    expect(measuredOf(checkTargets(report([]), 20_000), 'userName-eq lookup >= 50%')).toBe('200 vs 1000 req/s = 20%');
  });
});
