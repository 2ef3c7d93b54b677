import type { ReactNode } from 'react';
import { useSession } from '../session/session';
import { Link } from './link';

export interface NavItem {
  to: string;
  label: string;
}

export function Layout({ nav, currentPath, children }: { nav: NavItem[]; currentPath: string; children: ReactNode }) {
  const { admin, signOut } = useSession();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="product">Admin console</span>
        <span className="who">
          {admin.email} ({admin.role === 'super_admin' ? 'super admin' : 'admin'})
        </span>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <nav aria-label="Console">
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <Link to={item.to} current={currentPath.startsWith(item.to)}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
