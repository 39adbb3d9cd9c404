import { useContext } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import type { Locale } from "./i18n/messages";
import { LocaleContext, useT } from "./i18n/t";
import { signOut, useSession } from "./session";

export function Layout() {
  const t = useT();
  const { locale, setLocale: onLocale } = useContext(LocaleContext);
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const links = [
    { to: "/map", label: t("nav.map") },
    { to: "/missions", label: t("nav.missions") },
    { to: "/events", label: t("nav.events") },
    { to: "/practices", label: t("nav.practices") },
    ...(session.signedIn
      ? [
          { to: "/write", label: t("nav.write") },
          { to: "/partner", label: t("nav.myPartner") },
        ]
      : []),
  ];
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="top">
        <p className="brand">{t("app.title")}</p>
        <nav aria-label={t("nav.main")}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to}>{l.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <label>
            {t("app.language")}{" "}
            <select value={locale} onChange={(e) => onLocale(e.target.value as Locale)} data-testid="language">
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
          </label>
          {session.signedIn ? (
            <>
              <span data-testid="signed-in-as">
                {t("app.signedInAs", { who: `${session.partnerName ?? session.partner} (${session.roles?.join(", ")})` })}
              </span>
              <button
                type="button"
                onClick={async () => {
                  await signOut();
                  await refresh();
                  navigate("/sign-in");
                }}
              >
                {t("app.signOut")}
              </button>
            </>
          ) : (
            <>
              <span>{t("app.anonymous")}</span> <NavLink to="/sign-in">{t("app.signIn")}</NavLink>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
