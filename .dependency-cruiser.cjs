/** The direction of dependencies between the modules of src/ (docs/architecture.md, "Checks"). */
module.exports = {
  forbidden: [
    {
      name: 'domain-knows-no-scim',
      comment: 'accounts, groups, companies, directory-integrations and database know nothing of the SCIM surface that uses them.',
      severity: 'error',
      from: { path: '^src/(accounts|groups|companies|directory-integrations|database)/' },
      to: { path: '^src/scim/' },
    },
    {
      name: 'scim-writes-no-sql',
      comment:
        'The SCIM layer hands record queries (src/common/query) to the owning modules; only their repositories compile them to SQL (src/database/query). Specs may compile to show the SQL that runs.',
      severity: 'error',
      from: { path: '^src/scim/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^src/database/query/' },
    },
    {
      name: 'common-depends-on-no-module',
      comment: 'src/common holds what every module may import, so it imports no other module of src/.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'typeorm-only-in-repositories',
      comment:
        'Only repositories and src/database reach TypeORM; entities import its decorators (which names, eslint.config.mjs checks). Tests may read the database to check what the service stored.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/database/', '\\.repository\\.ts$', '\\.entity\\.ts$', '\\.spec\\.ts$'] },
      to: { path: '^node_modules/typeorm/' },
    },
    {
      name: 'typeorm-module-only-in-modules',
      comment: 'Nest modules register entities with TypeOrmModule; the data source itself is injected into src/database alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/database/', '\\.module\\.ts$'] },
      to: { path: '^node_modules/@nestjs/typeorm/' },
    },
    {
      name: 'console-speaks-http-only',
      comment: 'The console web page is a client of the HTTP API (its types come from the OpenAPI document): it imports no server code.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^(src|test|bench|migrations)/' },
    },
    {
      name: 'connector-speaks-http-only',
      comment: "The directory connector agent runs in the customer's network and talks to the service over its HTTP API only.",
      severity: 'error',
      from: { path: '^connector/' },
      to: { path: '^(src|test|bench|migrations|console)/' },
    },
    {
      name: 'server-serves-console-files-only',
      comment: 'The service serves the built console (dist/console) and imports none of its sources.',
      severity: 'error',
      from: { path: '^(src|test|bench|migrations)/' },
      to: { path: '^console/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of imports makes two modules one; split out what both need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
