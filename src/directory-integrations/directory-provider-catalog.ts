import { DirectoryProvider } from '../common/auth/directory-provider';

export enum SetupFieldKind {
  /** The SCIM base URL of this service. */
  ScimBaseUrl = 'scimBaseUrl',
  /** The provisioning token: never shown again after creation, so the value is always null. */
  Token = 'token',
  /** The base URL of the Provisioning API (/api/v1) of this service. */
  ApiBaseUrl = 'apiBaseUrl',
  /** A fixed value to pick or type in the provider's form. */
  Value = 'value',
}

export interface SetupFieldTemplate {
  /** The field's label in the provider's own form. */
  label: string;
  kind: SetupFieldKind;
  value?: string;
}

export interface ProviderDescription {
  displayName: string;
  fields: SetupFieldTemplate[];
  notes: string[];
}

const baseUrl = (label: string): SetupFieldTemplate => ({ label, kind: SetupFieldKind.ScimBaseUrl });
const apiBaseUrl = (label: string): SetupFieldTemplate => ({ label, kind: SetupFieldKind.ApiBaseUrl });
const token = (label: string): SetupFieldTemplate => ({ label, kind: SetupFieldKind.Token });
const value = (label: string, fixed: string): SetupFieldTemplate => ({ label, kind: SetupFieldKind.Value, value: fixed });

/** What each tab tells the admin to enter in the provider's console, with the provider's own field names. */
export const PROVIDER_CATALOG: Record<DirectoryProvider, ProviderDescription> = {
  [DirectoryProvider.Okta]: {
    displayName: 'Okta',
    fields: [
      baseUrl('SCIM connector base URL'),
      value('Unique identifier field for users', 'userName'),
      value('Supported provisioning actions', 'Push New Users, Push Profile Updates, Push Groups'),
      value('Authentication Mode', 'HTTP Header'),
      token('Authorization (Bearer)'),
    ],
    notes: [
      'Create a SAML or SWA app integration, enable SCIM provisioning, and set the unique identifier to userName (the email).',
      'Okta deactivates users instead of deleting them: a deactivated user is disabled here and keeps their vault.',
    ],
  },
  [DirectoryProvider.EntraId]: {
    displayName: 'Microsoft Entra ID',
    fields: [value('Provisioning Mode', 'Automatic'), baseUrl('Tenant URL'), token('Secret Token')],
    notes: [
      'In the enterprise application, open Provisioning, set the Admin Credentials, click Test Connection, then turn Provisioning Status On.',
      'Users are matched on userName (the email) or externalId (the Entra object id).',
    ],
  },
  [DirectoryProvider.OneLogin]: {
    displayName: 'OneLogin',
    fields: [value('Application', 'SCIM Provisioner with SAML (SCIM v2 Enterprise)'), baseUrl('SCIM Base URL'), token('SCIM Bearer Token')],
    notes: ['Enable the API connection, then turn on Create user, Update user and, if wanted, Delete user under Provisioning.'],
  },
  [DirectoryProvider.PingOne]: {
    displayName: 'PingOne',
    fields: [
      baseUrl('SCIM Base URL'),
      value('Users Resource Path', '/Users'),
      value('Groups Resource Path', '/Groups'),
      value('Authentication Method', 'OAuth 2 Bearer Token'),
      token('OAuth Access Token'),
      value('User Identifier', 'userName'),
    ],
    notes: ['PingOne updates users with PUT and may disable or delete them on deprovisioning, as you choose in the connection.'],
  },
  [DirectoryProvider.GoogleWorkspace]: {
    displayName: 'Google Workspace',
    fields: [baseUrl('SCIM base URL'), token('Bearer token')],
    notes: [
      'Google Workspace does not push SCIM: this tab pulls users and groups from the Google Directory API with a ' +
        'service account with domain-wide delegation, set up under Google Workspace sync (docs/google-workspace.md).',
      'The token still works for a generic SCIM 2.0 client pointed at the SCIM base URL; both manage the same users.',
    ],
  },
  [DirectoryProvider.JumpCloud]: {
    displayName: 'JumpCloud',
    fields: [
      value('API Type', 'SCIM API'),
      value('SCIM Version', 'SCIM 2.0'),
      baseUrl('Base URL'),
      token('Token Key'),
      value('Test User Email', 'an address in your domain'),
    ],
    notes: ['Test Connection creates and then deletes a test user and group; they appear in the sync log.'],
  },
  [DirectoryProvider.Generic]: {
    displayName: 'Generic SCIM 2.0',
    fields: [
      baseUrl('SCIM connection base URL'),
      value('Unique identifier field for users', 'userName (email)'),
      value('Authentication Mode', 'HTTP Header'),
      token('Bearer token'),
      value('Provisioning actions', 'Push New Users, Push Profile Updates, Push Groups'),
    ],
    notes: ['Any SCIM 2.0 client: send Authorization: Bearer <token> with application/scim+json or application/json.'],
  },
  [DirectoryProvider.ProvisioningApi]: {
    displayName: 'Provisioning API',
    fields: [
      apiBaseUrl('Base URL'),
      value('Authorization', 'Bearer <API key> (dpsprov_…), created under the keys of this tab'),
      value('Idempotency-Key', 'a fresh UUID per change, the same one when retrying it'),
    ],
    notes: [
      'The REST API for your own scripts: users, groups, memberships and batch upserts. This tab takes API keys, ' +
        'never a SCIM provisioning token; a read-only key may only read.',
      'Send an Idempotency-Key header with every POST, PATCH and DELETE: a retry with the same key returns the first ' +
        'answer without doing anything twice.',
    ],
  },
  [DirectoryProvider.ActiveDirectory]: {
    displayName: 'Active Directory / LDAP',
    fields: [
      value('Agent', 'npx dps-directory-connector --config connector.yaml, on a machine that reaches your directory'),
      value('service.url', 'the address of this service, as in your browser (without /console)'),
      token('service.token (a connector token, dpsconn_…)'),
    ],
    notes: [
      'The connector is an agent you run next to Active Directory or an LDAP server: it reads the directory and sends ' +
        'what it holds here as a directory snapshot. Nothing connects into your network. See docs/directory-connector.md.',
      'Users who leave the scope are disabled or deleted (deprovisionAction); a run that would take access from more ' +
        'than maxDeletePercent of them is held until an admin confirms it.',
    ],
  },
};
