import type { SubgraphContext } from "@concert/subgraph-kit/server";

export interface DeployedRow {
  mission: string;
  /** The capability type code or the contributor code, as grouped. */
  key: string;
  units: number;
  personnel: number;
  womenPersonnel: number;
}

const KEY_COLUMNS = {
  capabilityType: "d.capability_type_code",
  contributor: "d.contributor",
  contributorAndCapabilityType: "d.contributor || '|' || d.capability_type_code",
} as const;
const FILTER_COLUMNS = { missions: "mission_acronym", contributors: "contributor" } as const;

/**
 * What is on the ground according to each mission's latest snapshot month (a contributor absent
 * from that month has nothing deployed), per mission and capability type or contributor, for the
 * given missions or contributors: one SQL statement.
 */
export async function latestDeployments(
  ctx: SubgraphContext,
  filter: keyof typeof FILTER_COLUMNS,
  codes: readonly string[],
  groupBy: keyof typeof KEY_COLUMNS,
): Promise<DeployedRow[]> {
  if (codes.length === 0) return [];
  const key = KEY_COLUMNS[groupBy];
  const filterColumn = FILTER_COLUMNS[filter];
  // The rows flagged latest_of_mission (kept by a trigger on write) through a partial index: the missions' latest
  // month only, found without reading their earlier months (max(month) at read time grew with the history).
  return ctx.em.execute<DeployedRow[]>(
    `select d.mission_acronym as "mission", ${key} as "key",
            sum(d.units)::float8 as "units", sum(d.personnel)::float8 as "personnel", sum(d.women_personnel)::float8 as "womenPersonnel"
       from deployment_snapshot d
      where d.latest_of_mission and d.${filterColumn} in (?)
      group by d.mission_acronym, ${key}`,
    [codes],
  );
}
