import { type FormEvent, useState } from 'react';
import { unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { filterOf, setFilter } from '../common/query-filters';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { useApi } from '../common/use-api';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { Link } from '../shell/link';
import { PROVIDERS, type Provider, useTabs } from '../integrations/use-tabs';
import { ManagedBy } from './managed-by';
import { UserState } from './user-state';

const STATES = ['provisioned', 'active', 'disabled', 'deleted'] as const;

function managedByOf(value: string | undefined): Provider | 'none' | undefined {
  return value === 'none' ? value : PROVIDERS.find((provider) => provider === value);
}

function stateOf(value: string | undefined): (typeof STATES)[number] | undefined {
  return STATES.find((state) => state === value);
}

export function UsersPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const q = filterOf(query, 'q');
  const state = stateOf(filterOf(query, 'state'));
  const group = filterOf(query, 'group');
  const { tabs, nameOf } = useTabs();
  const managedBy = managedByOf(filterOf(query, 'managedBy'));
  const [search, setSearch] = useState(q ?? '');
  const groups = useApi(() => unwrap(api.GET('/api/admin/groups', { params: { query: { limit: 200 } } })), [api]);
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/users', { params: { query: { q, state, group, managedBy, cursor } } })),
    JSON.stringify([q, state, group, managedBy]),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter('/users', query, 'q', search.trim());
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Users</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          Search
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Email or name" />
        </label>
        <button type="submit">Search</button>
        <label>
          State
          <select value={state ?? ''} onChange={(event) => setFilter('/users', query, 'state', event.target.value)}>
            <option value="">Any state</option>
            {STATES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Group
          <select value={group ?? ''} onChange={(event) => setFilter('/users', query, 'group', event.target.value)}>
            <option value="">Any group</option>
            {groups.loaded.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Managed by
          <select value={managedBy ?? ''} onChange={(event) => setFilter('/users', query, 'managedBy', event.target.value)}>
            <option value="">Any source</option>
            <option value="none">Console/none</option>
            {tabs.map((tab) => (
              <option key={tab.provider} value={tab.provider}>
                {tab.displayName}
              </option>
            ))}
          </select>
        </label>
      </form>
      <LoadedView loaded={pages.loaded} what="the users" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>
              {q || state || group || managedBy
                ? 'No user matches these filters.'
                : 'No users yet: they appear once a provider provisions them.'}
            </Empty>
          ) : (
            <table>
              <caption>Users{q ? ` matching “${q}”` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Managed by</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {items.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={`/users/${user.id}`}>{user.userName || '(personal data cleared)'}</Link>
                    </td>
                    <td>{user.displayName ?? ''}</td>
                    <td>
                      <UserState state={user.state} />
                    </td>
                    <td>
                      <ManagedBy managedBy={user.managedBy} nameOf={nameOf} />
                    </td>
                    <td>
                      <ExactTime iso={user.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Users" />
    </section>
  );
}
