import { StrictMode, useCallback, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { IntlProvider } from "react-intl";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Provider as UrqlProvider } from "urql";
import { createClient } from "./client";
import { type Locale, messages } from "./i18n/messages";
import { LocaleContext } from "./i18n/t";
import { Layout } from "./Layout";
import { routes } from "./routes";
import { loadSession, type Session, SessionContext } from "./session";
import "./styles.css";

const router = createBrowserRouter([{ element: <Layout />, children: routes }], { basename: "/console" });
const LOCALE_KEY = "concert-console-locale";

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (stored === "en" || stored === "fr") return stored;
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

function sendToSignIn() {
  const here = `${location.pathname}${location.search}`;
  if (!location.pathname.startsWith("/console/sign-in")) {
    location.assign(`/console/sign-in?expired=1&next=${encodeURIComponent(here)}`);
  }
}

function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [session, setSession] = useState<Session | null>(null);
  // A new client (with nothing in flight) for each identity: a persona switch starts from a clean slate.
  const identity = `${session?.subject ?? ""}|${session?.persona ?? ""}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the identity is the reason to make a new client
  const client = useMemo(() => createClient(sendToSignIn), [identity]);
  const refresh = useCallback(async () => setSession(await loadSession()), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);
  if (!session) {
    return (
      <p className="loading">
        <progress aria-label="Loading" />
      </p>
    );
  }
  return (
    <IntlProvider locale={locale} messages={messages[locale]} defaultLocale="en">
      <SessionContext.Provider value={{ session, refresh }}>
        <UrqlProvider value={client}>
          <LocaleContext.Provider value={{ locale, setLocale }}>
            <RouterProvider router={router} />
          </LocaleContext.Provider>
        </UrqlProvider>
      </SessionContext.Provider>
    </IntlProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
