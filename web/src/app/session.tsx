// Who is signed in. Nothing but the sign-in page is shown until /api/auth/me answers with a person;
// the CSRF token it returns goes with every change the client sends.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, setCsrfToken, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

/** The signed-in person as /api/auth/me describes them. */
export type MeBody = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = MeBody['role'];

interface SessionState {
  me: MeBody | null;
  /** True until the first /api/auth/me answers. */
  loading: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeBody | null>(null);
  const [loading, setLoading] = useState(true);
  const accept = useCallback((body: MeBody | null) => {
    setCsrfToken(body?.csrfToken);
    setMe(body);
  }, []);

  useEffect(() => {
    unwrap(api.GET('/api/auth/me'))
      .then((body) => accept(body))
      .catch(() => accept(null))
      .finally(() => setLoading(false));
  }, [accept]);

  const signIn = useCallback(async (username: string, password: string) => {
    accept(await unwrap(api.POST('/api/auth/signin', { body: { username, password } })));
  }, [accept]);

  const signOut = useCallback(async () => {
    await unwrap(api.POST('/api/auth/signout')).catch(() => undefined);
    accept(null);
  }, [accept]);

  const value = useMemo(() => ({ me, loading, signIn, signOut }), [me, loading, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in person (pages under the shell are only rendered when there is one). */
export function useMe(): MeBody {
  const { me } = useSession();
  if (!me) throw new Error('useMe before sign-in');
  return me;
}
