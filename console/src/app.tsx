import { useCallback, useEffect, useMemo, useState } from 'react';
import { DirectoryIntegrationsPage } from './integrations/directory-integrations-page';
import { type Session, SessionContext } from './session/session';
import { SignInPage } from './session/sign-in-page';
import { Layout, type NavItem } from './shell/layout';
import { navigate, useLocation } from './shell/router';

const NAV: NavItem[] = [{ to: '/integrations', label: 'Directory integrations' }];

export function App() {
  const [signedIn, setSignedIn] = useState<Omit<Session, 'signOut'> | null>(null);
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const location = useLocation();

  const signOut = useCallback((message?: string) => {
    setSignedIn(null);
    setSignInMessage(message ?? null);
  }, []);
  const onUnauthorized = useCallback((reason: string) => signOut(`You were signed out: ${reason}`), [signOut]);
  const session = useMemo(() => (signedIn ? { ...signedIn, signOut } : null), [signedIn, signOut]);

  useEffect(() => {
    if (session && location.path === '/') navigate('/integrations', { replace: true });
  }, [session, location.path]);

  if (!session) {
    return (
      <SignInPage
        message={signInMessage}
        onUnauthorized={onUnauthorized}
        onSignedIn={(started) => {
          setSignInMessage(null);
          setSignedIn(started);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout nav={NAV} currentPath={location.path}>
        <Page path={location.path} />
      </Layout>
    </SessionContext.Provider>
  );
}

function Page({ path }: { path: string }) {
  const [, section, id] = path.split('/');
  switch (section) {
    case 'integrations':
      return <DirectoryIntegrationsPage provider={id} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>There is no console page at this address.</p>
        </section>
      );
  }
}
