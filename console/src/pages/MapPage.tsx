import { type GeoPath, type GeoProjection, geoNaturalEarth1, geoPath } from "d3-geo";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { DataTable } from "../components/DataTable";
import { DemoNote } from "../components/Demo";
import { Download } from "../components/Download";
import { humanize, LIKELIHOODS, likelihoodIndex, STAGES } from "../components/levels";
import { Panel } from "../components/Panel";
import { MapCountriesDocument, SharedWatchlistDocument, type SharedWatchlistQuery } from "../gql/graphql";
import { useT } from "../i18n/t";
import { countryPoint, loadShapes, placement, type Shape } from "./geography";

type Entry = NonNullable<SharedWatchlistQuery["sharedWatchlist"]>[number];

const WIDTH = 960;
const HEIGHT = 500;
const REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"];

function likelihoodClass(value: string | null | undefined) {
  return value ? `lk lk-${value}` : "lk lk-none";
}

function partnersLatest(entry: Entry) {
  return entry.latestAssessments.map((a) => `${a.author.code}: ${humanize(a.likelihood)}`).join(", ");
}

/** A mark on each country whose partners' latest assessments are two or more likelihood levels apart. */
function divergenceMarks(
  entries: Entry[],
  known: readonly { code: string; m49?: string | null }[],
  shapes: Shape[] | null,
  path: GeoPath,
  projection: GeoProjection,
) {
  return entries
    .filter((e) => (e.likelihoodSpread ?? 0) >= 2)
    .map((e) => {
      const country = known.find((c) => c.code === e.country.code);
      const shape = shapes?.find((s) => s.id && s.id === country?.m49);
      const xy = shape
        ? path.centroid(shape.geometry)
        : (() => {
            const p = countryPoint(e.country.code);
            return p ? projection(p) : null;
          })();
      if (!xy || Number.isNaN(xy[0])) return null;
      return (
        <g key={`d-${e.country.code}`} className="divergence" data-divergence={e.country.code}>
          <circle cx={xy[0]} cy={xy[1]} r={7} />
          <text x={xy[0]} y={xy[1] + 4} textAnchor="middle">
            !
          </text>
        </g>
      );
    });
}

/** The latest assessments of the country under the pointer or keyboard focus, announced politely. */
function FocusDetails({ entry }: { entry: Entry | undefined }) {
  return (
    <div className="focus-details" aria-live="polite" data-testid="focus-details">
      {entry ? (
        <>
          <strong>{entry.country.name}</strong>
          <ul>
            {entry.latestAssessments.map((a) => (
              <li key={a.id}>
                {a.author.name} ({a.author.code}): {humanize(a.likelihood)}, {humanize(a.stage)}, {a.periodEnd}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The shared watchlist as a table: the map's text alternative. */
function WatchlistTable({ entries, id }: { entries: Entry[]; id?: string }) {
  const t = useT();
  return (
    <DataTable
      id={id}
      caption={t("map.count", { count: entries.length })}
      sortable
      initialSort={{ key: "highest", descending: true }}
      rows={entries}
      rowKey={(e) => e.country.code}
      columns={[
        {
          key: "country",
          label: t("map.country"),
          value: (e) => e.country.name ?? e.country.code,
          render: (e) => <Link to={`/countries/${e.country.code}`}>{e.country.name}</Link>,
        },
        {
          key: "highest",
          label: t("map.highest"),
          value: (e) => likelihoodIndex(e.highestLikelihood),
          render: (e) => (
            <span className="swatch-label" data-likelihood={e.highestLikelihood ?? ""}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" className={likelihoodClass(e.highestLikelihood)} />
              </svg>{" "}
              {humanize(e.highestLikelihood)}
            </span>
          ),
        },
        { key: "spread", label: t("map.spread"), value: (e) => e.likelihoodSpread ?? null, numeric: true },
        { key: "partners", label: t("map.partners"), value: (e) => partnersLatest(e) },
      ]}
    />
  );
}

/** What the map's colours and marks mean. */
function Legend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t("map.legend")}>
      {LIKELIHOODS.map((l) => (
        <li key={l}>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" className={likelihoodClass(l)} />
          </svg>{" "}
          {humanize(l)}
        </li>
      ))}
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <rect width="14" height="14" className="lk lk-none" />
        </svg>{" "}
        {t("map.noAssessment")}
      </li>
      <li>
        <svg width="16" height="16" aria-hidden="true" className="divergence">
          <circle cx="8" cy="8" r="7" />
          <text x="8" y="12" textAnchor="middle">
            !
          </text>
        </svg>{" "}
        {t("map.divergence")}
      </li>
    </ul>
  );
}

/** The filters of the map, kept in the page's URL. */
function Filters({
  values: { region, stage, min },
  setFilter,
}: {
  values: { region: string; stage: string; min: string };
  setFilter: (key: string, value: string) => void;
}) {
  const t = useT();
  return (
    <form className="filters" aria-label={t("map.filters")} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t("map.region")}{" "}
        <select value={region} onChange={(e) => setFilter("region", e.target.value)} name="region">
          <option value="">{t("map.any")}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("map.stage")}{" "}
        <select value={stage} onChange={(e) => setFilter("stage", e.target.value)} name="stage">
          <option value="">{t("map.any")}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("map.minLikelihood")}{" "}
        <select value={min} onChange={(e) => setFilter("min", e.target.value)} name="min">
          <option value="">{t("map.any")}</option>
          {LIKELIHOODS.map((l) => (
            <option key={l} value={l}>
              {humanize(l)}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** The map's filters, kept in the page's URL so that a filtered map can be shared. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { region: params.get("region") ?? "", stage: params.get("stage") ?? "", min: params.get("min") ?? "", setFilter };
}

export function MapPage() {
  const t = useT();
  const { region, stage, min, setFilter } = useFilters();
  const [countries] = useQuery({ query: MapCountriesDocument });
  const [watchlist] = useQuery({
    query: SharedWatchlistDocument,
    variables: { region: region || null, minLikelihood: (min || null) as never },
  });
  const [shapes, setShapes] = useState<Shape[] | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  useEffect(() => {
    void loadShapes().then(setShapes);
  }, []);

  const entries = useMemo(() => {
    const all = watchlist.data?.sharedWatchlist ?? [];
    return stage ? all.filter((e) => e.latestAssessments.some((a) => a.stage === stage)) : all;
  }, [watchlist.data, stage]);
  const byCode = useMemo(() => new Map(entries.map((e) => [e.country.code, e])), [entries]);

  const projection = useMemo(() => geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: "Sphere" }), []);
  const path = useMemo(() => geoPath(projection), [projection]);
  const shapeIds = useMemo(() => new Set((shapes ?? []).flatMap((s) => (s.id ? [s.id] : []))), [shapes]);
  const known = countries.data?.countries ?? [];
  const byM49 = useMemo(() => new Map(known.flatMap((c) => (c.m49 ? [[c.m49, c] as const] : []))), [known]);
  const dots = known.filter((c) => shapes && placement(c.m49, c.code, shapeIds) === "dot");
  const shapeless = known.filter((c) => shapes && placement(c.m49, c.code, shapeIds) === "none");

  const focusedEntry = focused ? byCode.get(focused) : undefined;
  const countryMark = (code: string, name: string, drawn: React.ReactNode) => {
    const entry = byCode.get(code);
    if (!entry) return drawn;
    const label = `${name}: ${humanize(entry.highestLikelihood)}; ${partnersLatest(entry)}`;
    return (
      <Link
        key={code}
        to={`/countries/${code}`}
        aria-label={label}
        data-country={code}
        data-likelihood={entry.highestLikelihood ?? ""}
        onFocus={() => setFocused(code)}
        onMouseEnter={() => setFocused(code)}
      >
        {drawn}
        <title>{label}</title>
      </Link>
    );
  };

  const mapSvg = (
    // biome-ignore lint/a11y/useSemanticElements: an SVG map holding links to countries; a fieldset cannot hold SVG
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map" role="group" aria-label={t("map.label")} data-testid="map">
      <path d={path({ type: "Sphere" }) ?? ""} className="sphere" />
      {(shapes ?? []).map((s, i) => {
        const country = s.id ? byM49.get(s.id) : undefined;
        const entry = country ? byCode.get(country.code) : undefined;
        const d = path(s.geometry) ?? "";
        const drawn = (
          <path key={s.id ?? `x${i}`} d={d} className={likelihoodClass(entry?.highestLikelihood)} data-shape={country?.code ?? s.name} />
        );
        return country ? countryMark(country.code, country.name ?? country.code, drawn) : drawn;
      })}
      {dots.map((c) => {
        const point = countryPoint(c.code);
        const xy = point ? projection(point) : null;
        if (!xy) return null;
        const entry = byCode.get(c.code);
        const drawn = (
          <circle
            key={c.code}
            cx={xy[0]}
            cy={xy[1]}
            r={entry ? 4 : 2}
            className={likelihoodClass(entry?.highestLikelihood)}
            data-dot={c.code}
          />
        );
        return countryMark(c.code, c.name ?? c.code, drawn);
      })}
      {divergenceMarks(entries, known, shapes, path, projection)}
    </svg>
  );

  const table = (id?: string) => <WatchlistTable entries={entries} id={id} />;

  const demo = entries.some((e) => e.latestAssessments.some((a) => a.demo));
  return (
    <>
      <h1>{t("map.title")}</h1>
      <DemoNote show={demo} />
      <p>{t("map.intro")}</p>
      <Filters values={{ region, stage, min }} setFilter={setFilter} />
      <Panel
        title={t("map.title")}
        headingLevel={2}
        fetching={watchlist.fetching || countries.fetching || !shapes}
        error={watchlist.error ?? countries.error}
        ready={!!watchlist.data?.sharedWatchlist && !!countries.data?.countries && !!shapes}
        id="map"
      >
        <div className="map-layout">
          <div className="map-column">
            <ChartFigure id="map-figure" caption={t("map.label")} chart={mapSvg} table={table()} />
            <Legend />
            <FocusDetails entry={focusedEntry} />
            <p className="source">{t("map.source")}</p>
            <details>
              <summary>
                {t("map.small")} ({dots.length})
              </summary>
              <p data-testid="dot-countries">{dots.map((c) => `${c.name} (${c.code})`).join(", ")}</p>
            </details>
            <details>
              <summary>
                {t("map.noShape")} ({shapeless.length})
              </summary>
              <p data-testid="shapeless-countries">{shapeless.map((c) => `${c.name} (${c.code})`).join(", ")}</p>
            </details>
          </div>
          <div className="table-column">
            {table("watchlist-table")}
            <Download path="shared-watchlist" label={t("download.watchlist")} />
          </div>
        </div>
      </Panel>
    </>
  );
}
