import { type AlertsSettings, alertsSubgraph, createAlertsSubgraph } from "@concert/alerts";
import { engagementsSubgraph } from "@concert/engagements";
import { peacekeepingSubgraph } from "@concert/peacekeeping";
import { riskSubgraph } from "@concert/risk";
import type { SubgraphModule } from "@concert/subgraph-kit/server";
import type { SubgraphName } from "./config/index.js";

/**
 * The subgraphs, by name. Engagements starts first: it owns the partner registry the others consult. Alerts is
 * listed with its default settings (schema, migrations); a running one is built from its own (`createAlertsSubgraph`).
 */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  engagements: engagementsSubgraph,
  risk: riskSubgraph,
  peacekeeping: peacekeepingSubgraph,
  alerts: alertsSubgraph,
};

/** The module to run: the one of `SUBGRAPHS`, except alerts, built with the settings it runs with. */
export function subgraphModule(name: SubgraphName, alerts?: AlertsSettings): SubgraphModule {
  return name === "alerts" && alerts ? createAlertsSubgraph(alerts) : SUBGRAPHS[name];
}
