import { type KeyboardEvent, useRef } from 'react';
import { unwrap } from '../api/api-client';
import { LoadedView } from '../common/states';
import { useApi } from '../common/use-api';
import { useSession } from '../session/session';
import { navigate } from '../shell/router';
import { IntegrationPanel } from './integration-panel';

/** Settings → Directory integrations: a tab per provider (arrow keys move between tabs, as WAI-ARIA tabs do). */
export function DirectoryIntegrationsPage({ provider }: { provider: string | undefined }) {
  const { api } = useSession();
  const { loaded, reload } = useApi(() => unwrap(api.GET('/api/admin/directory-integrations')), [api]);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Directory integrations</h1>
      <LoadedView loaded={loaded} what="the directory integrations" onRetry={reload}>
        {({ items }) => {
          const selected = items.find((item) => item.provider === provider) ?? items[0];
          const move = (event: KeyboardEvent, index: number) => {
            const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
            if (next === null) return;
            const target = (next + items.length) % items.length;
            navigate(`/integrations/${items[target].provider}`, { replace: true });
            tabs.current[target]?.focus();
          };
          return (
            <>
              <div role="tablist" aria-label="Identity providers" className="tabs">
                {items.map((item, index) => (
                  <button
                    key={item.provider}
                    ref={(element) => void (tabs.current[index] = element)}
                    type="button"
                    role="tab"
                    id={`tab-${item.provider}`}
                    aria-selected={item === selected}
                    aria-controls="integration-panel"
                    tabIndex={item === selected ? 0 : -1}
                    onClick={() => navigate(`/integrations/${item.provider}`, { replace: true })}
                    onKeyDown={(event) => move(event, index)}
                  >
                    {item.displayName}
                    {item.token.status === 'active' && <span className="badge">connected</span>}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id="integration-panel" aria-labelledby={`tab-${selected.provider}`} tabIndex={0}>
                {/* Keyed by provider: a token shown once disappears from the page when the tab changes. */}
                <IntegrationPanel
                  key={selected.provider}
                  integration={selected}
                  others={items.filter((item) => item !== selected)}
                  refreshing={loaded.state === 'loading'}
                  onChanged={reload}
                />
              </div>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
