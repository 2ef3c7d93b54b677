import { expectStatus, HttpClient } from './http-client';

/** Users per uploaded part: a part stays well under the 1 MB body limit. */
const PART_USERS = 2500;
/** Parts uploaded side by side, as a client in a hurry does. */
const UPLOADS_IN_FLIGHT = 4;

export interface SnapshotPhase {
  /** Opening, uploading every part and committing, as a client sees it. */
  totalMs: number;
  /** Opening and uploading every part. */
  uploadMs: number;
  /** The commit request alone: the difference computed and applied. */
  commitMs: number;
  /** The snapshot's own record of its duration. */
  recordedMs: number | null;
  state: string;
  counts: unknown;
  /** The service's peak resident memory during the snapshot, when sampled. */
  servicePeakRssMb: number | null;
}

export interface SnapshotReport {
  users: number;
  changed: number;
  initial: SnapshotPhase;
  changedRun: SnapshotPhase;
  unchangedRun: SnapshotPhase;
  error?: string;
}

/**
 * Directory snapshots through the Provisioning API: a first snapshot of N users creates them; a second one with 1 % of
 * them changed (updated, new, missing) is the measured case; a third, the same again, finds nothing to do.
 */
export class SnapshotScenario {
  constructor(
    private readonly http: HttpClient,
    private readonly adminKey: string,
    private readonly runId: string,
    private readonly users: number,
    /** The service's peak RSS in MB since the last call, if the caller samples it. */
    private readonly servicePeakRssMb: () => number | null = () => null,
  ) {}

  async run(): Promise<SnapshotReport> {
    const key = await this.createKey();
    const people = Array.from({ length: this.users }, (_, index) => this.person(index, 'v1'));
    // The tab's own users of phase h are missing from it: the guard holds it, and the admin confirms.
    const initial = await this.sync(key, people, true);
    const changed = Math.max(3, Math.floor(this.users / 100));
    // A third of the changed users are updated, a third are new, a third are missing (deprovisioned).
    const third = Math.floor(changed / 3);
    const next = people.slice(third);
    for (let index = 0; index < third; index++) next[index] = this.person(third + index, 'v2');
    for (let index = 0; index < changed - 2 * third; index++) next.push(this.person(this.users + index, 'v1'));
    const changedRun = await this.sync(key, next);
    const unchangedRun = await this.sync(key, next);
    return { users: this.users, changed, initial, changedRun, unchangedRun };
  }

  private async createKey(): Promise<string> {
    const issued = await this.http.send('POST', '/api/admin/directory-integrations/provisioning-api/keys', this.adminKey, {
      name: `bench ${this.runId}`,
      scope: 'read-write',
    });
    expectStatus(issued, [201], 'POST /api/admin/directory-integrations/provisioning-api/keys');
    return (issued.body as { key: string }).key;
  }

  private person(index: number, version: string): Record<string, unknown> {
    const userName = `snap.${this.runId}.${index}@bench.test`;
    return {
      userName,
      externalId: `snap-${index}`,
      email: userName,
      name: { givenName: `Given${index}`, familyName: `Family ${version}` },
      enterprise: { department: `Department ${index % 50}` },
    };
  }

  private async sync(key: string, users: Record<string, unknown>[], confirmHeld = false): Promise<SnapshotPhase> {
    this.servicePeakRssMb();
    const started = performance.now();
    const opened = await this.http.send('POST', '/api/v1/snapshots', key);
    expectStatus(opened, [201], 'POST /api/v1/snapshots');
    const id = (opened.body as { id: string }).id;
    const parts = Math.ceil(users.length / PART_USERS);
    let next = 0;
    const uploader = async () => {
      for (let part = next++; part < parts; part = next++) {
        const uploaded = await this.http.send('PUT', `/api/v1/snapshots/${id}/parts/${part + 1}`, key, {
          users: users.slice(part * PART_USERS, (part + 1) * PART_USERS),
        });
        expectStatus(uploaded, [200], 'PUT /api/v1/snapshots/{id}/parts/{n}');
      }
    };
    await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, uploader));
    const committing = performance.now();
    let committed = await this.http.send('POST', `/api/v1/snapshots/${id}/commit`, key, { parts, users: users.length });
    expectStatus(committed, [200], 'POST /api/v1/snapshots/{id}/commit');
    if (confirmHeld && (committed.body as { state: string }).state === 'held') {
      committed = await this.http.send('POST', `/api/admin/directory-sync/snapshots/${id}/confirm`, this.adminKey);
      expectStatus(committed, [200], 'POST /api/admin/directory-sync/snapshots/{id}/confirm');
    }
    const record = committed.body as { state: string; durationMs: number | null; planned: { counts: unknown } | null };
    if (record.state !== 'applied') throw new Error(`snapshot ${id} is ${record.state}, not applied`);
    return {
      totalMs: performance.now() - started,
      uploadMs: committing - started,
      commitMs: performance.now() - committing,
      recordedMs: record.durationMs,
      state: record.state,
      counts: record.planned?.counts ?? null,
      servicePeakRssMb: this.servicePeakRssMb(),
    };
  }
}
