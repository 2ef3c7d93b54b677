import type { ReactNode } from 'react';
import { followLink, href } from './router';

interface Props {
  to: string;
  children: ReactNode;
  current?: boolean;
  className?: string;
}

export function Link({ to, children, current, className }: Props) {
  return (
    <a href={href(to)} onClick={(event) => followLink(event, to)} aria-current={current ? 'page' : undefined} className={className}>
      {children}
    </a>
  );
}
