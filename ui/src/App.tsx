import { useEffect, useState } from 'react';
import { api, ApiError, onUnauthorized } from './api';
import { Link, navigate, useLocation } from './router';
import type { Me } from './types';
import { Login } from './pages/Login';
import { Overview } from './pages/Overview';
import { Findings } from './pages/Findings';
import { ObjectPage } from './pages/ObjectPage';
import { Frameworks } from './pages/Frameworks';
import { Rbac } from './pages/Rbac';
import { Network } from './pages/Network';
import { Exceptions } from './pages/Exceptions';
import { AuditAlerts } from './pages/AuditAlerts';

const NAV: Array<[string, string]> = [
  ['/', 'Overview'],
  ['/findings', 'Findings'],
  ['/frameworks', 'Frameworks'],
  ['/rbac', 'RBAC'],
  ['/network', 'Network'],
  ['/exceptions', 'Exceptions'],
  ['/audit', 'Audit alerts'],
];

function Page({ path }: { path: string }) {
  switch (path) {
    case '/':
      return <Overview />;
    case '/findings':
      return <Findings />;
    case '/object':
      return <ObjectPage />;
    case '/frameworks':
      return <Frameworks />;
    case '/rbac':
      return <Rbac />;
    case '/network':
      return <Network />;
    case '/exceptions':
      return <Exceptions />;
    case '/audit':
      return <AuditAlerts />;
    default:
      return (
        <>
          <h1>Not found</h1>
          <p>
            No page at {path}. <Link href="/">Go to the overview</Link>.
          </p>
        </>
      );
  }
}

export function App() {
  const loc = useLocation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.get<Me>('/api/v1/me').then(setMe, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else setError(err instanceof Error ? err.message : String(err));
    });
    return onUnauthorized(() => setMe(null));
  }, []);

  // Move focus to the page heading on navigation so keyboard and screen-reader users land on the new page.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [loc.path]);

  if (error) return <p className="error" role="alert">The server did not answer: {error}</p>;
  if (me === undefined) return <p className="muted">Loading…</p>;
  if (me === null || loc.path === '/login') {
    return (
      <Login
        onLogin={async () => {
          setMe(await api.get<Me>('/api/v1/me'));
          if (loc.path === '/login') navigate('/', true);
        }}
      />
    );
  }

  const active = loc.path === '/object' ? '/findings' : loc.path;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          kubeward
        </Link>
        <nav aria-label="main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <Link href={href} aria-current={active === href ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who muted">
          {me.scopes.join(', ')}
          {me.cluster ? ` (${me.cluster})` : ''}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={async () => {
            await api.logout().catch(() => undefined);
            setMe(null);
          }}
        >
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={loc.path} />
      </main>
    </>
  );
}
