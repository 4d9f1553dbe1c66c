import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';

export function Login({ onLogin }: { onLogin: () => Promise<void> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(token.trim());
      setToken('');
      await onLogin();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That token was not accepted.'
          : err instanceof ApiError && err.status === 429
            ? 'Too many failed attempts: wait a minute and try again.'
            : `Login failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="login">
      <h1>kubeward</h1>
      <form onSubmit={submit}>
        <label className="field">
          <span>API token</span>
          <input
            type="password"
            name="token"
            autoComplete="off"
            autoFocus
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-help"
          />
        </label>
        <p id="token-help" className="muted">
          A token from <code>kubeward serve token create --scope read</code> (or the admin token <code>serve</code> printed
          on its first start). The browser keeps only a session cookie.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          Log in
        </button>
      </form>
    </main>
  );
}
