import { type FormEvent, Fragment, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { DemoNote } from "../components/Demo";
import { Download } from "../components/Download";
import { humanize } from "../components/levels";
import { Panel } from "../components/Panel";
import { ComparePracticesDocument, SearchPracticesDocument, ThemesDocument } from "../gql/graphql";
import { useT } from "../i18n/t";

/** The words of a search (quotes and `or` dropped, excluded words left out), for highlighting. */
export function searchTerms(query: string): string[] {
  return query
    .replace(/"/g, " ")
    .split(/\s+/)
    .filter((w) => w && w.toLowerCase() !== "or" && !w.startsWith("-"))
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 1);
}

/**
 * Marks the words of a text that match a search term. The API stems English words ("warnings" finds "warning"), so
 * a word matches when it and a term share their first letters up to the shorter one's stem (its length less 2).
 */
export function highlight(text: string, terms: string[]): ReactNode {
  if (terms.length === 0) return text;
  const stems = terms.map((t) => t.toLowerCase().slice(0, Math.max(3, t.length - 2)));
  return text.split(/(\p{L}[\p{L}\p{N}'-]*)/u).map((part, i) => {
    const lower = part.toLowerCase();
    const hit = /\p{L}/u.test(part) && stems.some((s) => lower.startsWith(s));
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never move
    return hit ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>;
  });
}

export default function PracticesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const theme = params.get("theme") ?? "";
  const partners = (params.get("partners") ?? "")
    .split(",")
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  const [search] = useQuery({ query: SearchPracticesDocument, variables: { query: q }, pause: !q });
  const [themes] = useQuery({ query: ThemesDocument });
  const [compare] = useQuery({ query: ComparePracticesDocument, variables: { theme, partners }, pause: !theme || partners.length === 0 });
  const terms = searchTerms(q);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams(params);
    for (const [key, value] of data.entries()) {
      if (String(value).trim()) next.set(key, String(value).trim());
      else next.delete(key);
    }
    setParams(next);
  };
  const demo =
    (search.data?.searchPractices?.nodes ?? []).some((m) => m.node.demo) ||
    (compare.data?.comparePractices ?? []).some((p) => p.practices.some((x) => x.demo));
  return (
    <>
      <h1>{t("practices.title")}</h1>
      <DemoNote show={demo} />
      <section className="panel">
        <h2>{t("practices.search")}</h2>
        <form onSubmit={submit} className="inline-form" key={`q-${q}`}>
          <label>
            {t("practices.query")} <input name="q" type="search" defaultValue={q} maxLength={200} />
          </label>
          <button type="submit">{t("practices.go")}</button>
        </form>
      </section>
      {q ? (
        <Panel
          title={t("practices.results", { count: search.data?.searchPractices?.totalCount ?? 0 })}
          fetching={search.fetching}
          error={search.error}
          ready={!!search.data?.searchPractices}
          id="results"
        >
          <ol className="results" data-testid="search-results">
            {search.data?.searchPractices?.nodes.map((m) => (
              <li key={m.node.id} data-practice={m.node.id}>
                <h3>{highlight(m.node.title, terms)}</h3>
                <p className="meta">
                  {m.node.partner.name} ({m.node.partner.code}) · {m.node.theme.name} · {humanize(m.node.kind)} · {m.node.date}
                </p>
                <p>{highlight(m.node.summary, terms)}</p>
              </li>
            ))}
          </ol>
          <Download path={`practices?query=${encodeURIComponent(q)}`} label={t("download.practices")} />
        </Panel>
      ) : null}
      <section className="panel">
        <h2>{t("practices.compare")}</h2>
        <form onSubmit={submit} className="inline-form" key={`c-${theme}-${partners.join()}`}>
          <label>
            {t("practices.theme")}{" "}
            <select name="theme" defaultValue={theme}>
              <option value="">—</option>
              {(themes.data?.themes ?? []).map((th) => (
                <option key={th.code} value={th.code}>
                  {th.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("practices.partners")} <input name="partners" defaultValue={partners.join(", ")} maxLength={200} />
          </label>
          <button type="submit">{t("practices.compareGo")}</button>
        </form>
      </section>
      {theme && partners.length > 0 ? (
        <Panel
          title={t("practices.compare")}
          fetching={compare.fetching}
          error={compare.error}
          ready={!!compare.data?.comparePractices}
          id="compare"
        >
          <div className="side-by-side" data-testid="comparison">
            {compare.data?.comparePractices?.map((entry) => (
              <section key={entry.partner.code} className="column" data-partner={entry.partner.code}>
                <h3>
                  {entry.partner.name} ({entry.partner.code})
                </h3>
                {entry.practices.length === 0 ? <p>{t("app.none")}</p> : null}
                <ul>
                  {entry.practices.map((p) => (
                    <li key={p.id} data-practice={p.id}>
                      <strong>{p.title}</strong> ({humanize(p.kind)}, {p.date})<p>{p.summary}</p>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </Panel>
      ) : null}
    </>
  );
}
