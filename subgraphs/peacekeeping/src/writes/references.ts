import { badUserInput } from "@concert/subgraph-kit/errors";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CapabilityType } from "../entities/capability-type.js";
import { MissionStatus } from "../entities/enums.js";
import { Mission } from "../entities/mission.js";
import { PledgingEvent } from "../entities/pledging-event.js";

const KINDS = {
  mission: { entity: Mission, key: "acronym", label: "mission" },
  capabilityType: { entity: CapabilityType, key: "code", label: "capability type" },
  event: { entity: PledgingEvent, key: "code", label: "pledging event" },
} as const;

/** The referenced record, or BAD_USER_INPUT on `field` naming what is unknown. */
export async function assertReference<K extends keyof typeof KINDS>(em: EntityManager, kind: K, field: string, code: string) {
  const { entity, key, label } = KINDS[kind];
  const found = await em.findOne(entity as never, { [key]: code.toUpperCase() } as never);
  if (!found) throw badUserInput(field, `unknown ${label} ${code}`);
  return found as InstanceType<(typeof KINDS)[K]["entity"]>;
}

/** A mission that still takes pledges and deployments. */
export async function assertOpenMission(em: EntityManager, field: string, acronym: string): Promise<Mission> {
  const mission = await assertReference(em, "mission", field, acronym);
  if (mission.status === MissionStatus.CLOSED) throw badUserInput(field, `${mission.acronym} is closed`);
  return mission;
}
