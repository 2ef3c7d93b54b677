import { BenchOptions } from './bench-options';
import { BenchRequestError, expectStatus, HttpClient } from './http-client';
import { LoadResult, runLoad } from './load-runner';

/** Users per batch upsert in the batch comparison: the Provisioning API's limit. */
export const BATCH_SIZE = 1000;

/** The Provisioning API side of a run: the same users created one by one and in batch upserts. */
export class ProvisioningApiScenario {
  constructor(
    private readonly http: HttpClient,
    private readonly apiKey: string,
    private readonly runId: string,
    private readonly options: BenchOptions,
  ) {}

  /** The baseline: BATCH_SIZE users per round as single POST /api/v1/users, at the benchmark's concurrency. */
  createUsersOneByOne(rounds: number): Promise<LoadResult> {
    return runLoad({
      total: rounds * BATCH_SIZE,
      concurrency: this.options.concurrency,
      timeoutMs: this.options.phaseTimeoutSeconds * 1000,
      task: async (index) => {
        const response = await this.http.send('POST', '/api/v1/users', this.apiKey, this.user('single', index));
        expectStatus(response, [201], 'POST /api/v1/users');
      },
    });
  }

  /** The same users per round in one POST /api/v1/users/batch, one batch at a time; every item must be created. */
  upsertInBatches(rounds: number): Promise<LoadResult> {
    return runLoad({
      total: rounds,
      concurrency: 1,
      timeoutMs: this.options.phaseTimeoutSeconds * 1000,
      task: async (round) => {
        const users = Array.from({ length: BATCH_SIZE }, (_, offset) => this.user('batch', round * BATCH_SIZE + offset));
        const response = await this.http.send('POST', '/api/v1/users/batch', this.apiKey, { users });
        expectStatus(response, [200], 'POST /api/v1/users/batch');
        const created = (response.body as { counts?: { created?: number } }).counts?.created;
        if (created !== BATCH_SIZE) throw new BenchRequestError(`POST /api/v1/users/batch created ${created} of ${BATCH_SIZE} users`);
      },
    });
  }

  private user(label: string, index: number): Record<string, unknown> {
    return {
      email: `api.${label}.${this.runId}.${index}@bench.test`,
      externalId: `hr-${label}-${this.runId}-${index}`,
      displayName: `Bench ${label} ${index}`,
      givenName: 'Bench',
      familyName: `${label} ${index}`,
    };
  }
}
