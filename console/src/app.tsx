import { useCallback, useEffect, useMemo, useState } from 'react';
import { AdminsPage } from './admins/admins-page';
import { AuditLogPage } from './audit-log/audit-log-page';
import { GroupMembersPage } from './groups/group-members-page';
import { GroupsPage } from './groups/groups-page';
import { KeyGrantsPage } from './key-grants/key-grants-page';
import { DirectoryIntegrationsPage } from './integrations/directory-integrations-page';
import { PoliciesPage } from './policies/policies-page';
import { type Session, SessionContext } from './session/session';
import { SignInPage } from './session/sign-in-page';
import { Layout, type NavItem } from './shell/layout';
import { type Location, navigate, useLocation } from './shell/router';
import { SyncLogPage } from './sync-log/sync-log-page';
import { UserDetailPage } from './users/user-detail-page';
import { UsersPage } from './users/users-page';
import { WebhookDeliveriesPage } from './webhooks/webhook-deliveries-page';
import { WebhooksPage } from './webhooks/webhooks-page';

const NAV: NavItem[] = [
  { to: '/integrations', label: 'Directory integrations' },
  { to: '/sync-log', label: 'Sync log' },
  { to: '/users', label: 'Users' },
  { to: '/groups', label: 'Groups' },
  { to: '/policies', label: 'Policies' },
  { to: '/admins', label: 'Admins' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/key-grants', label: 'Key hand-off' },
  { to: '/audit-log', label: 'Audit log' },
];

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
        <Page location={location} />
      </Layout>
    </SessionContext.Provider>
  );
}

function Page({ location: { path, query } }: { location: Location }) {
  const [, section, id] = path.split('/');
  switch (section) {
    case 'integrations':
      return <DirectoryIntegrationsPage provider={id} />;
    case 'sync-log':
      return <SyncLogPage query={query} />;
    case 'users':
      return id ? <UserDetailPage key={id} id={id} /> : <UsersPage query={query} />;
    case 'groups':
      return id ? <GroupMembersPage key={id} id={id} /> : <GroupsPage query={query} />;
    case 'policies':
      return <PoliciesPage />;
    case 'admins':
      return <AdminsPage />;
    case 'webhooks':
      return id ? <WebhookDeliveriesPage key={id} id={id} /> : <WebhooksPage />;
    case 'key-grants':
      return <KeyGrantsPage />;
    case 'audit-log':
      return <AuditLogPage />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>There is no console page at this address.</p>
        </section>
      );
  }
}
