import type { Schemas } from '../api/api-client';
import { CopyButton } from '../common/copy-button';
import { ProvisioningApiKeys } from './provisioning-api-keys';

type Integration = Schemas['DirectoryIntegrationResponseDto'];

/** The base URL of /api/v1 as the service announces it in the tab's setup fields. */
export function apiBaseUrl(integration: Integration): string {
  return integration.setup.fields.find((field) => field.kind === 'apiBaseUrl')?.value ?? `${window.location.origin}/api/v1`;
}

/** What the Provisioning API tab has instead of a SCIM token: its base URL, the API's documentation and its keys. */
export function ProvisioningApiSection({ baseUrl, onChanged }: { baseUrl: string; onChanged: () => void }) {
  return (
    <>
      <h3>API base URL</h3>
      <div className="copy-row">
        <input aria-label="API base URL" readOnly value={baseUrl} onFocus={(event) => event.target.select()} />
        <CopyButton value={baseUrl} label="Copy the API base URL" />
      </div>
      <p>
        Your scripts call the REST API under this URL with an API key below. Its routes, with examples, are in the{' '}
        <a href="/api/docs" target="_blank" rel="noopener">
          API documentation
        </a>{' '}
        (tags <q>provisioning: users</q> and <q>provisioning: groups</q>).
      </p>
      <ProvisioningApiKeys onChanged={onChanged} />
    </>
  );
}
