import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose rows the database work in progress may touch: one company's, or (for work spanning companies)
 * all. 'any' is for queries whose function reads past the policies itself: they run in whatever scope
 * the connection is in, sparing a change of scope.
 */
export type CompanyScope = { kind: 'company'; companyId: string } | { kind: 'system' } | { kind: 'any' };

const SYSTEM_SCOPE: CompanyScope = { kind: 'system' };
const ANY_SCOPE: CompanyScope = { kind: 'any' };
const scopes = new AsyncLocalStorage<CompanyScope>();

/**
 * Carries the company a request acts for down to the database connections, which apply it with
 * row-level security (src/database/company-scoped-client.ts). Work outside any scope (start-up,
 * migrations, authentication before the company is known) is system work.
 */
export const CompanyScopes = {
  current(): CompanyScope {
    return scopes.getStore() ?? SYSTEM_SCOPE;
  },

  runForCompany<T>(companyId: string, work: () => T): T {
    return scopes.run({ kind: 'company', companyId }, work);
  },

  /** For work that spans companies even when a request started it, such as batched sync-log writes. */
  runAsSystem<T>(work: () => T): T {
    return scopes.run(SYSTEM_SCOPE, work);
  },

  runInAnyScope<T>(work: () => T): T {
    return scopes.run(ANY_SCOPE, work);
  },
};
