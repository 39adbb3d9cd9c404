import type { CombinedError } from "@urql/core";
import type { ReactNode } from "react";
import { useT } from "../i18n/t";

interface PanelProps {
  title: string;
  fetching: boolean;
  error?: CombinedError;
  /** Whether the data the children need is there (a down subgraph leaves its fields null). */
  ready: boolean;
  children: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}

/** The services whose SERVICE_UNAVAILABLE errors the gateway reported (extensions.serviceName). */
export function unavailableServices(error?: CombinedError): string[] {
  if (!error) return [];
  const names = error.graphQLErrors
    .filter((e) => e.extensions?.code === "SERVICE_UNAVAILABLE")
    .map((e) => String(e.extensions?.serviceName ?? "unknown"));
  return [...new Set(names)];
}

/** Progress while a query loads. */
export function Loading() {
  const t = useT();
  return (
    <p className="loading">
      <progress aria-label={t("app.loading")} /> {t("app.loading")}
    </p>
  );
}

/**
 * One part of a page with its own query: progress while it loads, the service that is down when a subgraph did not
 * answer (the rest of the page is other panels, unaffected), the error otherwise.
 */
export function Panel({ title, fetching, error, ready, children, headingLevel = 2, id }: PanelProps) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const down = unavailableServices(error);
  return (
    <section className="panel" aria-labelledby={id ? `${id}-title` : undefined} aria-busy={fetching}>
      <Heading id={id ? `${id}-title` : undefined}>{title}</Heading>
      {fetching && !ready ? <Loading /> : null}
      {down.map((service) => (
        <p key={service} className="unavailable" role="alert" data-service={service}>
          {t("app.unavailable", { service })}
        </p>
      ))}
      {error && down.length === 0 && !ready ? (
        <p className="error" role="alert">
          {t("app.error", { message: error.graphQLErrors[0]?.message ?? error.message })}
        </p>
      ) : null}
      {ready ? children : null}
    </section>
  );
}
