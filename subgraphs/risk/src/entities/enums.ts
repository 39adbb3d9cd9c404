import { registerEnumType } from "type-graphql";

export enum FactorScope {
  COMMON = "COMMON",
  GENOCIDE = "GENOCIDE",
  CRIMES_AGAINST_HUMANITY = "CRIMES_AGAINST_HUMANITY",
  WAR_CRIMES = "WAR_CRIMES",
}
registerEnumType(FactorScope, { name: "FactorScope", description: "Which atrocity crimes a risk factor of the UN Framework of Analysis bears on." });

export enum Stage {
  PREVENTION = "PREVENTION",
  MITIGATION = "MITIGATION",
  RESPONSE = "RESPONSE",
}
registerEnumType(Stage, {
  name: "Stage",
  description: "Where a situation stands: prevent before violence, mitigate as it starts, respond once atrocities occur.",
});

export enum Likelihood {
  LOW = "LOW",
  MODERATE = "MODERATE",
  HIGH = "HIGH",
  VERY_HIGH = "VERY_HIGH",
}
registerEnumType(Likelihood, { name: "Likelihood", description: "How likely atrocity crimes are within the assessment period." });

export enum Confidence {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}
registerEnumType(Confidence, { name: "Confidence", description: "How confident the author is in an assessment." });

export enum AssessmentStatus {
  DRAFT = "DRAFT",
  PUBLISHED = "PUBLISHED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(AssessmentStatus, {
  name: "AssessmentStatus",
  description: "DRAFT until its author publishes it; SUPERSEDED once a revision replaces it.",
});
