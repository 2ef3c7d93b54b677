import { type FormEvent, useState } from 'react';
import { unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { filterOf, setFilter } from '../common/query-filters';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { Link } from '../shell/link';

export function GroupsPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const q = filterOf(query, 'q');
  const [search, setSearch] = useState(q ?? '');
  const pages = useCursorPages((cursor) => unwrap(api.GET('/api/admin/groups', { params: { query: { q, cursor } } })), q ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter('/groups', query, 'q', search.trim());
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Groups</h1>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          Search
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Group name" />
        </label>
        <button type="submit">Search</button>
      </form>
      <LoadedView loaded={pages.loaded} what="the groups" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{q ? 'No group matches.' : 'No groups yet: they appear once a provider pushes them.'}</Empty>
          ) : (
            <table>
              <caption>Groups by name</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Members</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {items.map((group) => (
                  <tr key={group.id}>
                    <td>
                      <Link to={`/groups/${group.id}`}>{group.displayName}</Link>
                    </td>
                    <td>{group.memberCount}</td>
                    <td>
                      <ExactTime iso={group.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Groups" />
    </section>
  );
}
