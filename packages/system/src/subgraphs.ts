import { engagementsSubgraph } from "@concert/engagements";
import { peacekeepingSubgraph } from "@concert/peacekeeping";
import { riskSubgraph } from "@concert/risk";
import type { SubgraphModule } from "@concert/subgraph-kit";
import type { SubgraphName } from "./config.js";

/** The subgraphs, by name. Engagements starts first: it owns the partner registry the others consult. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  engagements: engagementsSubgraph,
  risk: riskSubgraph,
  peacekeeping: peacekeepingSubgraph,
};
