import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { CompanyScopes } from '../src/common/tenancy/company-scope';
import { sentWithNext, TENANT_ROLE } from '../src/database/company-scoped-client';
import { TransactionHost } from '../src/database/transaction-host';
import { EmptyDatabase, emptyDatabaseEngines, migratedDataSource } from './support/empty-database';

interface SessionState {
  company: string;
  role: string;
  transactionStart: string;
}

// The client pipelines the company scope, BEGIN and COMMIT with the statements they belong to: on one connection
// (a pool of one), what a statement sees and what it leaves behind for the next one must stay exact.
describe('the company-scoped database client', () => {
  describe.each(emptyDatabaseEngines())('on %s', (_engine, emptyDatabase) => {
    let database: EmptyDatabase;
    let dataSource: DataSource;
    const companyId = randomUUID();

    const sessionState = async (): Promise<SessionState> =>
      (
        await dataSource.query(
          `SELECT current_setting('app.company_id', true) AS company, current_user AS role,
                  transaction_timestamp()::text AS "transactionStart"`,
        )
      )[0] as SessionState;

    beforeAll(async () => {
      database = await emptyDatabase();
      dataSource = await migratedDataSource(database.url);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.remove();
    });

    it('runs a statement outside a transaction in the company scope, and leaves nothing of it on the session', async () => {
      const scoped = await CompanyScopes.runForCompany(companyId, sessionState);
      expect(scoped).toMatchObject({ company: companyId, role: TENANT_ROLE });
      const after = await sessionState();
      expect(after.company ?? '').toBe('');
      expect(after.role).not.toBe(TENANT_ROLE);
    });

    it('rolls back a statement that fails outside a transaction and answers the next one outside any transaction', async () => {
      await expect(CompanyScopes.runForCompany(companyId, () => dataSource.query('SELECT 1 / 0'))).rejects.toThrow(/division by zero/);
      const first = await CompanyScopes.runForCompany(companyId, sessionState);
      await sleep(5);
      const second = await CompanyScopes.runForCompany(companyId, sessionState);
      // Each ran in a transaction of its own, not in one left open (or aborted) by the failure.
      expect(second.transactionStart).not.toBe(first.transactionStart);
      expect(second).toMatchObject({ company: companyId, role: TENANT_ROLE });
    });

    it('commits a scoped write outside a transaction before answering, and leaves nothing of one that fails', async () => {
      await dataSource.query(`INSERT INTO companies (id, name) VALUES ($1, 'Writes outside a transaction') ON CONFLICT DO NOTHING`, [
        companyId,
      ]);
      const kept = `Kept ${randomUUID()}`;
      const [written] = await CompanyScopes.runForCompany(companyId, () =>
        dataSource.query<{ t: string }[]>(
          `INSERT INTO groups (company_id, display_name) VALUES ($1, $2) RETURNING transaction_timestamp()::text AS t`,
          [companyId, kept],
        ),
      );
      await expect(
        CompanyScopes.runForCompany(companyId, () =>
          dataSource.query(
            `WITH added AS (INSERT INTO groups (company_id, display_name) VALUES ($1, $2) RETURNING 1) SELECT 1 / 0 FROM added`,
            [companyId, `Undone ${randomUUID()}`],
          ),
        ),
      ).rejects.toThrow(/division by zero/);
      await sleep(5);
      const read = await dataSource.query<{ display_name: string; t: string }[]>(
        `SELECT display_name, transaction_timestamp()::text AS t FROM groups WHERE company_id = $1`,
        [companyId],
      );
      // The write's transaction had ended, without error, when it answered: committed. The failed one left nothing.
      expect(read.map((row) => row.display_name)).toEqual([kept]);
      expect(read[0].t).not.toBe(written.t);
    });

    it('undoes a transaction whose first statement fails, and the next transaction starts clean', async () => {
      const name = `Rolled back ${randomUUID()}`;
      await expect(
        dataSource.transaction(async (manager) => {
          await manager.query('SELECT 1 / 0');
        }),
      ).rejects.toThrow(/division by zero/);
      await expect(
        dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO companies (id, name) VALUES ($1, $2)`, [randomUUID(), name]);
          await manager.query('SELECT 1 / 0');
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await dataSource.query('SELECT 1 FROM companies WHERE name = $1', [name])).toEqual([]);
      const state = await CompanyScopes.runForCompany(companyId, () =>
        dataSource.transaction(
          async (manager) => (await manager.query(`SELECT current_setting('app.company_id', true) AS company, current_user AS role`))[0],
        ),
      );
      expect(state).toEqual({ company: companyId, role: TENANT_ROLE });
    });

    it('commits a transaction as one unit, in its scope, whatever ran in it', async () => {
      const id = randomUUID();
      await dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO companies (id, name) VALUES ($1, 'Committed')`, [id]);
        await manager.query(`UPDATE companies SET name = 'Committed twice' WHERE id = $1`, [id]);
      });
      expect(await dataSource.query('SELECT name FROM companies WHERE id = $1', [id])).toEqual([{ name: 'Committed twice' }]);
      const inScope = await CompanyScopes.runForCompany(companyId, () =>
        dataSource.transaction(async (manager) => {
          const first = await manager.query<{ t: string }[]>(`SELECT transaction_timestamp()::text AS t`);
          await sleep(5);
          const state = await manager.query<{ company: string; t: string }[]>(
            `SELECT current_setting('app.company_id', true) AS company, transaction_timestamp()::text AS t`,
          );
          return { sameTransaction: first[0].t === state[0].t, company: state[0].company };
        }),
      );
      expect(inScope).toEqual({ sameTransaction: true, company: companyId });
    });

    describe('a write held for the next statement', () => {
      let transactions: TransactionHost;
      const groupNames = async (): Promise<string[]> =>
        (
          await dataSource.query<{ display_name: string }[]>(`SELECT display_name FROM groups WHERE company_id = $1 ORDER BY 1`, [
            companyId,
          ])
        ).map((row) => row.display_name);
      const addGroup = (name: string): Promise<void> =>
        transactions.writeWithNext(`INSERT INTO groups (company_id, display_name) VALUES ($1, $2)`, [companyId, name]);

      beforeAll(async () => {
        transactions = new TransactionHost(dataSource);
        await dataSource.query(`INSERT INTO companies (id, name) VALUES ($1, 'Held writes') ON CONFLICT DO NOTHING`, [companyId]);
      });

      it('is seen by the statements after it and commits with its transaction', async () => {
        const name = `Held ${randomUUID()}`;
        const seen = await CompanyScopes.runForCompany(companyId, () =>
          transactions.run(async () => {
            await addGroup(name);
            return transactions.rows<{ n: string }>(`SELECT count(*) AS n FROM groups WHERE display_name = $1`, [name]);
          }),
        );
        expect(seen).toEqual([{ n: '1' }]);
        expect(await groupNames()).toContain(name);
      });

      it('fails the COMMIT it leaves with when it fails, and nothing of the transaction stays', async () => {
        const before = `Before ${randomUUID()}`;
        const taken = `Taken ${randomUUID()}`;
        await CompanyScopes.runForCompany(companyId, () => transactions.run(() => addGroup(taken)));
        await expect(
          CompanyScopes.runForCompany(companyId, () =>
            transactions.run(async () => {
              await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, $2)`, [companyId, before]);
              await addGroup(taken.toUpperCase()); // the display name is unique without regard to case
            }),
          ),
        ).rejects.toThrow(/UQ_groups_display_name/);
        expect(await groupNames()).not.toContain(before);
        expect(await CompanyScopes.runForCompany(companyId, sessionState)).toMatchObject({ company: companyId, role: TENANT_ROLE });
      });

      it('fails where it is written when a value cannot be a parameter, and sends nothing of it', async () => {
        const kept = `Kept ${randomUUID()}`;
        await expect(
          CompanyScopes.runForCompany(companyId, () =>
            transactions.run(async () => {
              await transactions.writeWithNext(`INSERT INTO groups (company_id, display_name) VALUES ($1, $2)`, [companyId, { n: 1n }]);
            }),
          ),
        ).rejects.toThrow(/BigInt/);
        await CompanyScopes.runForCompany(companyId, () => transactions.run(() => addGroup(kept)));
        expect(await groupNames()).toContain(kept);
      });

      it('is not carried into the next transaction when its own was never ended', async () => {
        const abandoned = `Abandoned ${randomUUID()}`;
        const runner = dataSource.createQueryRunner();
        try {
          const client = (await runner.connect()) as { query(config: unknown): Promise<unknown> };
          await CompanyScopes.runForCompany(companyId, async () => {
            await runner.query('BEGIN');
            await client.query(sentWithNext(`INSERT INTO groups (company_id, display_name) VALUES ($1, $2)`, [companyId, abandoned]));
            await runner.query('BEGIN');
            await runner.query('COMMIT');
          });
        } finally {
          await runner.release();
        }
        expect(await groupNames()).not.toContain(abandoned);
      });

      it('is dropped unsent by a rollback, and the connection goes on', async () => {
        const dropped = `Dropped ${randomUUID()}`;
        await expect(
          CompanyScopes.runForCompany(companyId, () =>
            transactions.run(async () => {
              await addGroup(dropped);
              throw new Error('changed my mind');
            }),
          ),
        ).rejects.toThrow('changed my mind');
        expect(await groupNames()).not.toContain(dropped);
        expect(await CompanyScopes.runForCompany(companyId, sessionState)).toMatchObject({ company: companyId, role: TENANT_ROLE });
      });
    });

    describe('a write that commits its transaction', () => {
      let transactions: TransactionHost;
      const groupNames = async (): Promise<string[]> =>
        (
          await dataSource.query<{ display_name: string }[]>(`SELECT display_name FROM groups WHERE company_id = $1 ORDER BY 1`, [
            companyId,
          ])
        ).map((row) => row.display_name);
      const holdGroup = (name: string): Promise<void> =>
        transactions.writeWithNext(`INSERT INTO groups (company_id, display_name) VALUES ($1, $2)`, [companyId, name]);
      const addGroupAndCommit = (name: string): Promise<{ held: string; company: string }[]> =>
        transactions
          .writeAndCommit<{ held: string; company: string }>(
            `INSERT INTO groups (company_id, display_name) VALUES ($1, $2)
             RETURNING (SELECT count(*) FROM groups WHERE display_name LIKE 'Held %')::text AS held,
                       current_setting('app.company_id') AS company`,
            [companyId, name],
          )
          .then(({ rows }) => rows);

      beforeAll(async () => {
        transactions = new TransactionHost(dataSource);
        await dataSource.query(`INSERT INTO companies (id, name) VALUES ($1, 'Committing writes') ON CONFLICT DO NOTHING`, [companyId]);
      });

      beforeEach(() => dataSource.query(`DELETE FROM groups WHERE company_id = $1`, [companyId]));

      it('commits the writes held for it with it, in its transaction and scope, when it is the first sent', async () => {
        const rows = await CompanyScopes.runForCompany(companyId, () =>
          transactions.run(async () => {
            await holdGroup('Held first');
            return addGroupAndCommit('Last');
          }),
        );
        expect(rows).toEqual([{ held: '1', company: companyId }]);
        expect(await groupNames()).toEqual(['Held first', 'Last']);
        const after = await sessionState();
        expect(after.company ?? '').toBe('');
      });

      it('commits what its transaction ran before it', async () => {
        await CompanyScopes.runForCompany(companyId, () =>
          transactions.run(async () => {
            await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'Earlier')`, [companyId]);
            await holdGroup('Held second');
            await addGroupAndCommit('Last');
          }),
        );
        expect(await groupNames()).toEqual(['Earlier', 'Held second', 'Last']);
      });

      it.each([
        ['it is the first sent', false],
        ['statements ran before it', true],
      ])('commits nothing of its transaction when it fails, even when the failure is handled (%s)', async (_case, earlier) => {
        await CompanyScopes.runForCompany(companyId, () => transactions.run(() => addGroupAndCommit('Taken')));
        const outcome = await CompanyScopes.runForCompany(companyId, () =>
          transactions.run(async () => {
            if (earlier) await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'Earlier')`, [companyId]);
            await holdGroup('Held lost');
            return addGroupAndCommit('TAKEN').catch((error: Error) => `handled: ${error.message}`);
          }),
        );
        expect(outcome).toMatch(/handled: .*UQ_groups_display_name/);
        expect(await groupNames()).toEqual(['Taken']);
        expect(await CompanyScopes.runForCompany(companyId, sessionState)).toMatchObject({ company: companyId, role: TENANT_ROLE });
      });

      it('is an ordinary write in a run that joined an enclosing transaction, which goes on and ends as a whole', async () => {
        await expect(
          CompanyScopes.runForCompany(companyId, () =>
            transactions.run(async () => {
              await transactions.run(() => addGroupAndCommit('Joined'));
              await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'After')`, [companyId]);
              throw new Error('changed my mind');
            }),
          ),
        ).rejects.toThrow('changed my mind');
        expect(await groupNames()).toEqual([]);
        await CompanyScopes.runForCompany(companyId, () =>
          transactions.run(async () => {
            await transactions.run(() => addGroupAndCommit('Joined'));
            await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'After')`, [companyId]);
          }),
        );
        expect(await groupNames()).toEqual(['After', 'Joined']);
      });

      it('refuses any statement after it in its transaction, and the next transaction runs', async () => {
        await expect(
          CompanyScopes.runForCompany(companyId, () =>
            transactions.run(async () => {
              await addGroupAndCommit('Committed');
              await transactions.write(`INSERT INTO groups (company_id, display_name) VALUES ($1, 'Too late')`, [companyId]);
            }),
          ),
        ).rejects.toThrow(/nothing may run in it after/);
        expect(await groupNames()).toEqual(['Committed']);
        await CompanyScopes.runForCompany(companyId, () => transactions.run(() => addGroupAndCommit('Next')));
        expect(await groupNames()).toEqual(['Committed', 'Next']);
      });
    });

    it('answers a transaction that runs no statement, and the connection goes on', async () => {
      await expect(dataSource.transaction(async () => undefined)).resolves.toBeUndefined();
      const runner = dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
      expect(await CompanyScopes.runForCompany(companyId, sessionState)).toMatchObject({ company: companyId });
    });
  });
});
