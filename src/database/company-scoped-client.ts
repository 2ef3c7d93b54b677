import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CompanyScope, CompanyScopes } from '../common/tenancy/company-scope';

/** The role whose queries the row-level security policies confine to `app.company_id` (see the RowLevelSecurity migration). */
export const TENANT_ROLE = 'dps_tenant';

const SYSTEM = 'system';
const ENTER_COMPANY_SQL = `SELECT set_config('role', '${TENANT_ROLE}', false), set_config('app.company_id', $1, false)`;
const ENTER_SYSTEM_SQL = `SELECT set_config('role', 'none', false), set_config('app.company_id', '', false)`;
const ROLLBACK = /^\s*ROLLBACK\b/i;

/**
 * A pg client that puts its session in the company scope of the work sending each query
 * (CompanyScopes) before running it. The session keeps its scope between queries, so a run of
 * queries for one company costs one extra statement, not one per query. The scope change is queued on
 * the connection ahead of the query, so the query runs in the new scope; a change that fails (an
 * aborted transaction, a lost connection) fails the query too, and a role that cannot be entered at
 * all stops start-up (assertTenantRoleUsable).
 */
export class CompanyScopedClient extends Client {
  /** The scope the session is in: a new one is the login role's, with no company. Null when unknown. */
  private sessionScope: string | null = SYSTEM;

  // pg's query() has a dozen overloads; this passes every form through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    this.enter(CompanyScopes.current());
    const result = (Client.prototype.query as (...queryArgs: unknown[]) => unknown).apply(this, args);
    // A rollback also undoes a scope change made inside the transaction.
    if (typeof args[0] === 'string' && ROLLBACK.test(args[0])) this.sessionScope = null;
    return result;
  }

  private enter(scope: CompanyScope): void {
    if (scope.kind === 'any') return;
    const key = scope.kind === 'system' ? SYSTEM : scope.companyId;
    if (key === this.sessionScope) return;
    this.sessionScope = key;
    const change = scope.kind === 'system' ? super.query(ENTER_SYSTEM_SQL) : super.query(ENTER_COMPANY_SQL, [scope.companyId]);
    // The query queued behind fails as well (aborted transaction, lost connection); the next one tries again.
    change.catch(() => {
      if (this.sessionScope === key) this.sessionScope = null;
    });
  }
}

/**
 * Stops start-up when the connecting role cannot act as the tenant role (it did not run the migrations,
 * or lost the membership): every company's queries would fail, or worse run in another scope.
 */
export async function assertTenantRoleUsable(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.transaction((manager) => manager.query(`SELECT set_config('role', '${TENANT_ROLE}', true)`));
  } catch (error) {
    throw new Error(
      `The database user cannot switch to the role ${TENANT_ROLE}, which row-level security needs: ` +
        `connect as the user that ran the migrations (${(error as Error).message})`,
    );
  }
}
