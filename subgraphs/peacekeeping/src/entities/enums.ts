import { registerEnumType } from "type-graphql";

export enum MissionStatus {
  ACTIVE = "ACTIVE",
  DRAWING_DOWN = "DRAWING_DOWN",
  CLOSED = "CLOSED",
}
registerEnumType(MissionStatus, { name: "MissionStatus", description: "Whether a peacekeeping operation is active, drawing down or closed." });

export enum Readiness {
  LEVEL_1 = "LEVEL_1",
  LEVEL_2 = "LEVEL_2",
  LEVEL_3 = "LEVEL_3",
  RAPID_DEPLOYMENT = "RAPID_DEPLOYMENT",
}
registerEnumType(Readiness, {
  name: "Readiness",
  description: "Readiness level in the UN Peacekeeping Capability Readiness System, from lowest to highest.",
  valuesConfig: {
    LEVEL_1: { description: "Pledge registered." },
    LEVEL_2: { description: "Assessment and advisory visit passed." },
    LEVEL_3: { description: "Matches a statement of unit requirements." },
    RAPID_DEPLOYMENT: { description: "Ready to deploy within 60 days." },
  },
});

export enum PledgeStatus {
  PLEDGED = "PLEDGED",
  VERIFIED = "VERIFIED",
  DEPLOYED = "DEPLOYED",
  WITHDRAWN = "WITHDRAWN",
  EXPIRED = "EXPIRED",
}
registerEnumType(PledgeStatus, { name: "PledgeStatus", description: "Where a pledge stands between the podium and deployment." });
