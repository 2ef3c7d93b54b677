import { CopyButton } from '../common/copy-button';

interface Props {
  token: string;
  /** What the token is called on this tab: a provisioning token, or the Active Directory tab's connector token. */
  tokenName?: string;
  providerName: string;
  onDone: () => void;
}

/** A tab's token, shown this once: it lives only in the panel's state and goes when the panel does. */
export function IssuedToken({ token, tokenName = 'provisioning token', providerName, onDone }: Props) {
  return (
    <div className="issued-secret" role="region" aria-labelledby="issued-token-title">
      <h3 id="issued-token-title">Your new {tokenName}</h3>
      <p className="notice notice-warning">
        Copy it now and {tokenName === 'provisioning token' ? `paste it into ${providerName}` : 'put it where the agent reads it'}. It will
        not be shown again: once you leave this tab it is gone, and only a reset gives you a new one.
      </p>
      <label htmlFor="issued-token">{tokenName[0].toUpperCase() + tokenName.slice(1)}</label>
      <div className="copy-row">
        <input id="issued-token" readOnly value={token} className="secret" onFocus={(event) => event.target.select()} />
        <CopyButton value={token} label={`Copy the ${tokenName}`} />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
