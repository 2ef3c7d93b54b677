import { CopyButton } from '../common/copy-button';

/** A signing secret, shown this once (on creation or rotation); gone from the page with the view. */
export function WebhookSecret({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  return (
    <div className="issued-secret" role="region" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title">Signing secret of {url}</h2>
      <p className="notice notice-warning">Give it to the receiver now, to verify each delivery’s signature. It will not be shown again.</p>
      <label htmlFor="webhook-secret">Signing secret</label>
      <div className="copy-row">
        <input id="webhook-secret" readOnly value={secret} className="secret" />
        <CopyButton value={secret} label="Copy the signing secret" />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
