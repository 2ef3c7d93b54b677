import { unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { Link } from '../shell/link';
import { UserState } from '../users/user-state';

export function GroupMembersPage({ id }: { id: string }) {
  const { api } = useSession();
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/groups/{id}/members', { params: { path: { id }, query: { cursor } } })),
    id,
  );
  const group = pages.loaded.data?.group ?? null;
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/groups">← Groups</Link>
      </p>
      <h1 id="page-title">{group ? group.displayName : 'Group'}</h1>
      {group && <p className="hint">{group.memberCount} members</p>}
      <LoadedView loaded={pages.loaded} what="the members" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>This group has no members.</Empty>
          ) : (
            <table>
              <caption>Members</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {items.map((member) => (
                  <tr key={member.id}>
                    <td>
                      <Link to={`/users/${member.id}`}>{member.userName}</Link>
                    </td>
                    <td>{member.displayName ?? ''}</td>
                    <td>
                      <UserState state={member.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Members" />
    </section>
  );
}
