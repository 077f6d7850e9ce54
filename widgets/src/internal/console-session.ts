/**
 * The signed-in staff member of this tab: the token lives in memory and in
 * sessionStorage (so a reload keeps it, closing the tab forgets it), never in
 * localStorage. Signing out forgets it; an expired token marks the session
 * expired (the workbench shows the sign-in again over what was typed).
 */
import type { Role } from '@lastmeter/sdk';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  cadreId: string | null;
  /** A dispatcher's (a cadre user's) scope region: it dispatches there. Absent in sessions kept before it existed. */
  scopeRegionId?: string | null;
  /** The grids the person works in (a cadre's assigned grids, a grid worker's grid). */
  grids: { id: string; name: string }[];
}

export interface Session {
  token: string;
  user: SessionUser;
}

const STORAGE_KEY = 'lastmeter.console.session';
type Listener = () => void;

let current: Session | null | undefined;
let expiredUser: SessionUser | null = null;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: memory only
  }
}

export const session = {
  get(): Session | null {
    if (current === undefined) {
      try {
        const saved = storage()?.getItem(STORAGE_KEY);
        current = saved ? (JSON.parse(saved) as Session) : null;
      } catch {
        current = null;
      }
    }
    return current;
  },
  token(): string | undefined {
    return session.get()?.token;
  },
  /** The user whose token expired (sign-in is shown again for them), if any. */
  expired(): SessionUser | null {
    return expiredUser;
  },
  set(next: Session): void {
    current = next;
    expiredUser = null;
    storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
    listeners.forEach((l) => l());
  },
  /** Signing out: forgets the token everywhere. */
  clear(): void {
    current = null;
    expiredUser = null;
    storage()?.removeItem(STORAGE_KEY);
    listeners.forEach((l) => l());
  },
  /** The server refused the token (UNAUTHENTICATED): forget it, remember who it was. */
  expire(): void {
    const user = session.get()?.user ?? null;
    if (!user) return;
    current = null;
    expiredUser = user;
    storage()?.removeItem(STORAGE_KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
