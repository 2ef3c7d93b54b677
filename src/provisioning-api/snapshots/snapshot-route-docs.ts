import { BodyExample } from '../../common/openapi/api-json-body.decorator';

export const SNAPSHOT_PROTOCOL =
  'Starts a snapshot of everything your directory holds: upload its parts (PUT /api/v1/snapshots/{id}/parts/{n}), then ' +
  'commit it. The users and groups it does not name, among those this source manages, are deprovisioned. An open ' +
  'snapshot expires after DIRECTORY_SNAPSHOT_EXPIRY_HOURS (24 by default). See docs/directory-sync.md.';

export const NO_SUCH_SNAPSHOT = {
  description: 'No snapshot of this source has this id',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a not found',
};

export const NOT_OPEN = {
  description: 'The snapshot is no longer open (applying, rejected, expired, failed), or another of the source is being applied',
  code: 'invalid_state_transition',
  message: 'Snapshot 8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a is expired and cannot be changed',
};

export const PART_EXAMPLES: Record<string, BodyExample> = {
  users: {
    summary: 'Users and a group with its members',
    value: {
      users: [
        {
          userName: 'ada@acme.test',
          externalId: '00u1a2b3c4',
          email: 'ada@acme.test',
          name: { givenName: 'Ada', familyName: 'Lovelace' },
          enterprise: { department: 'Engineering' },
        },
        { userName: 'grace@acme.test', externalId: '00u5d6e7f8', active: false },
      ],
      groups: [{ displayName: 'Engineering', externalId: 'cn=engineering', members: ['00u1a2b3c4'] }],
    },
  },
  memberships: {
    summary: 'More members of a large group, in a later part',
    value: { memberships: [{ group: 'cn=engineering', members: ['00u5d6e7f8'] }] },
  },
};

export const COMMIT_EXAMPLES: Record<string, BodyExample> = {
  apply: { summary: 'Apply', value: { parts: 3, users: 12000, groups: 40 } },
  dryRun: { summary: 'Show the difference only', value: { parts: 3, users: 12000, dryRun: true } },
};
