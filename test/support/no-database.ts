/**
 * Stands in for the database drivers (pg, PGlite) in the unit tier, so that a unit spec that opens a database fails
 * at once and says why, instead of quietly depending on one.
 */
const REFUSAL = 'Unit specs run without a database. A spec that needs one is named *.database.spec.ts (or *.e2e-spec.ts over HTTP).';

function refuse(): never {
  throw new Error(REFUSAL);
}

const driver: object = new Proxy(
  {},
  {
    get: (_target, name) => {
      if (name === '__esModule') return true;
      if (name === 'default') return driver;
      return typeof name === 'symbol' ? undefined : refuse;
    },
  },
);

module.exports = driver;
