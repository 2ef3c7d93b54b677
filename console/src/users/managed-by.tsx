import type { Schemas } from '../api/api-client';
import { Link } from '../shell/link';

/** The source that manages a user: its tab, linked, or "Console/none" when no tab does (docs/ownership.md). */
export function ManagedBy({
  managedBy,
  nameOf,
}: {
  managedBy: Schemas['AdminUserResponseDto']['managedBy'];
  nameOf: (provider: string) => string;
}) {
  if (!managedBy) return <span>Console/none</span>;
  if (!managedBy.provider) return <span>{managedBy.integrationId}</span>;
  return <Link to={`/integrations/${managedBy.provider}`}>{nameOf(managedBy.provider)}</Link>;
}
