import type { Schemas } from '../api/api-client';
import { CopyButton } from '../common/copy-button';

/** A Provisioning API key, shown this once: it lives only in the tab's state and goes when the tab does. */
export function IssuedApiKey({ apiKey, onDone }: { apiKey: Schemas['CreatedApiKeyResponseDto']; onDone: () => void }) {
  return (
    <div className="issued-secret" role="region" aria-labelledby="issued-api-key-title">
      <h3 id="issued-api-key-title">Your new API key “{apiKey.name}”</h3>
      <p className="notice notice-warning">
        Copy it now and put it into your script ({apiKey.scope}). It will not be shown again: once you leave this tab it is gone, and only a
        new key replaces it.
      </p>
      <label htmlFor="issued-api-key">Provisioning API key</label>
      <div className="copy-row">
        <input id="issued-api-key" readOnly value={apiKey.key} className="secret" onFocus={(event) => event.target.select()} />
        <CopyButton value={apiKey.key} label="Copy the API key" />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
