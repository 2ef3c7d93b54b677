import { type FormEvent, useState } from 'react';
import { ApiError, createApiClient, unwrap } from '../api/api-client';
import type { Session } from './session';

interface Props {
  message: string | null;
  onSignedIn: (session: Omit<Session, 'signOut'>) => void;
  onUnauthorized: (message: string) => void;
}

/** The admin API key is checked against GET /api/admin/me and then kept only in this tab's memory. */
export function SignInPage({ message, onSignedIn, onUnauthorized }: Props) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    let refused: string | null = null;
    const api = createApiClient(key.trim(), (reason) => (refused = reason));
    try {
      const admin = await unwrap(api.GET('/api/admin/me'));
      setKey('');
      onSignedIn({ admin, api: createApiClient(key.trim(), onUnauthorized) });
    } catch (failure) {
      setError(refused ?? (failure instanceof ApiError ? failure.message : 'The service could not be reached; try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Admin console</h1>
      {message && (
        <p className="notice notice-warning" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} aria-describedby="sign-in-help">
        <label htmlFor="admin-key">Admin API key</label>
        <input
          id="admin-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <p id="sign-in-help" className="hint">
          The key starts with <code>dpsadm_</code>. It is kept only in this tab while it is open: closing or reloading the tab signs you
          out.
        </p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
