import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useT } from "../i18n/t";
import { loadPersonas, type Persona, signIn, signOut, useSession } from "../session";

/** Where to go after signing in: only a path of the console itself (never another origin). */
function safeNext(next: string | null): string {
  if (next?.startsWith("/console/") && !next.startsWith("//")) return next.slice("/console".length);
  return "/map";
}

export default function SignInPage() {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [personas, setPersonas] = useState<Persona[] | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadPersonas().then(setPersonas);
  }, []);
  const next = safeNext(params.get("next"));
  const choose = async (persona: string | null) => {
    setError(null);
    try {
      await signOut();
      if (persona) await signIn(persona);
      await refresh();
      navigate(next);
    } catch (e) {
      setError(String(e));
    }
  };
  return (
    <>
      <h1>{t("signIn.title")}</h1>
      {params.get("expired") ? (
        <p className="error" role="alert">
          {t("signIn.expired")}
        </p>
      ) : null}
      {personas === undefined ? (
        <p className="loading">
          <progress aria-label={t("app.loading")} />
        </p>
      ) : personas === null ? (
        <p>{t("signIn.production")}</p>
      ) : (
        <>
          <p>{t("signIn.pick")}</p>
          <ul className="personas">
            {personas.map((p) => (
              <li key={p.id}>
                <button type="button" onClick={() => choose(p.id)} data-persona={p.id}>
                  {p.label} ({p.partner}, {p.roles.join(", ")})
                </button>
              </li>
            ))}
            <li>
              <button type="button" onClick={() => choose(null)} data-persona="anonymous">
                {t("signIn.anonymous")}
              </button>
            </li>
          </ul>
        </>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
