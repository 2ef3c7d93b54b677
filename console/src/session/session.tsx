import { createContext, useContext } from 'react';
import type { ApiClient, Schemas } from '../api/api-client';

export interface Session {
  admin: Schemas['CurrentAdminResponseDto'];
  api: ApiClient;
  signOut: (message?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
