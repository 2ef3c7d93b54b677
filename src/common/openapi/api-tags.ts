/** The groups of operations of the OpenAPI document, in the order its page lists them. */
export const API_TAGS: readonly { name: string; description: string }[] = [
  {
    name: 'admin: directory integrations',
    description: 'One tab per identity provider: SCIM base URL, provisioning token, setup fields; the sync log of SCIM requests',
  },
  { name: 'admin: users', description: "The company's users: lifecycle actions by an admin and master-password resets" },
  { name: 'admin: groups', description: 'Groups pushed by the identity providers, with their members' },
  { name: 'admin: policies', description: 'Company policies: who may reset master passwords' },
  { name: 'admin: admins', description: 'Admins of the company and their API keys' },
  { name: 'admin: audit log', description: 'Admin actions, policy changes, token actions and reports of other services' },
  { name: 'admin: webhooks', description: 'Signed webhooks of your change events: endpoints, delivery log, test and redelivery' },
  {
    name: 'admin: directory sync',
    description: "Directory snapshots of each source: the difference they applied, held ones to confirm or reject, the source's settings",
  },
  {
    name: 'admin: google workspace',
    description: 'The Google Workspace tab: the service account key, the scope and schedule, Test connection, Sync now, the runs',
  },
  { name: 'admin: key grants', description: "The encryption service's backlog of group-key hand-offs for the company" },
  { name: 'provisioning: users', description: 'Provisioning API (/api/v1, company API keys): users, their lifecycle and batch upserts' },
  { name: 'provisioning: groups', description: 'Provisioning API (/api/v1): groups and their members' },
  {
    name: 'provisioning: snapshots',
    description:
      'Provisioning API: send everything your directory holds in parts; the service applies the difference (docs/directory-sync.md)',
  },
  {
    name: 'connector',
    description: 'The Active Directory / LDAP connector agent (/api/connector/v1, connector token): snapshots and run reports',
  },
  { name: 'internal: companies', description: 'Creating business accounts (sign-up)' },
  { name: 'internal: users', description: 'What other services need to know of a user, and the vault service reports' },
  { name: 'internal: master-password resets', description: 'Resets the vault service carries out with the user' },
  { name: 'internal: webhooks', description: "Signed webhooks of every company's change events, for services that serve them all" },
  { name: 'internal: key grants', description: 'The queue of group-key grants and revocations the encryption service works off' },
  { name: 'internal: events', description: 'The pull feed of change events to users and groups, of all companies or one (docs/events.md)' },
  { name: 'health', description: 'Liveness and readiness, without authentication' },
  { name: 'operations', description: 'Prometheus metrics, with METRICS_TOKEN' },
];
