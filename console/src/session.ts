import { createContext, useContext } from "react";

export interface Session {
  signedIn: boolean;
  partner?: string;
  partnerName?: string;
  roles?: string[];
  subject?: string;
  persona?: string | null;
  expiresAt?: string;
}

export interface Persona {
  id: string;
  label: string;
  partner: string;
  roles: string[];
}

export async function loadSession(): Promise<Session> {
  const response = await fetch("/auth/session", { credentials: "same-origin", headers: { accept: "application/json" } });
  if (!response.ok) return { signedIn: false };
  return (await response.json()) as Session;
}

/** The demo personas, or null when development sign-in is off (the gateway answers 404). */
export async function loadPersonas(): Promise<Persona[] | null> {
  const response = await fetch("/auth/personas", { credentials: "same-origin", headers: { accept: "application/json" } });
  if (!response.ok) return null;
  return ((await response.json()) as { personas: Persona[] }).personas;
}

export async function signIn(persona: string): Promise<void> {
  const response = await fetch("/auth/dev/sign-in", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "x-concert-csrf": "1" },
    body: JSON.stringify({ persona }),
  });
  if (!response.ok) throw new Error(`sign-in answered HTTP ${response.status}`);
}

export async function signOut(): Promise<void> {
  await fetch("/auth/sign-out", { method: "POST", credentials: "same-origin", headers: { "x-concert-csrf": "1" } });
}

export const SessionContext = createContext<{ session: Session; refresh: () => Promise<void> }>({
  session: { signedIn: false },
  refresh: async () => {},
});

export function useSession() {
  return useContext(SessionContext);
}
