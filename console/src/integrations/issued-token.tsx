import { CopyButton } from '../common/copy-button';

/** A provisioning token, shown this once: it lives only in the panel's state and goes when the panel does. */
export function IssuedToken({ token, providerName, onDone }: { token: string; providerName: string; onDone: () => void }) {
  return (
    <div className="issued-secret" role="region" aria-labelledby="issued-token-title">
      <h3 id="issued-token-title">Your new provisioning token</h3>
      <p className="notice notice-warning">
        Copy it now and paste it into {providerName}. It will not be shown again: once you leave this tab it is gone, and only a reset gives
        you a new one.
      </p>
      <label htmlFor="issued-token">Provisioning token</label>
      <div className="copy-row">
        <input id="issued-token" readOnly value={token} className="secret" onFocus={(event) => event.target.select()} />
        <CopyButton value={token} label="Copy the provisioning token" />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
