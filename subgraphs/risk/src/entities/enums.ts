import { registerEnumType } from "type-graphql";

export enum FactorScope {
  COMMON = "COMMON",
  GENOCIDE = "GENOCIDE",
  CRIMES_AGAINST_HUMANITY = "CRIMES_AGAINST_HUMANITY",
  WAR_CRIMES = "WAR_CRIMES",
}
registerEnumType(FactorScope, {
  name: "FactorScope",
  description: "Which atrocity crimes a risk factor of the UN Framework of Analysis bears on.",
});

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

export enum RatingLevel {
  NOT_PRESENT = "NOT_PRESENT",
  LOW = "LOW",
  MODERATE = "MODERATE",
  HIGH = "HIGH",
  SEVERE = "SEVERE",
}
registerEnumType(RatingLevel, {
  name: "RatingLevel",
  description: "How strongly a risk factor is present in a country, as its author rates it (scored 0–4 for divergence).",
  valuesConfig: {
    NOT_PRESENT: { description: "No sign of the factor (score 0)." },
    LOW: { description: "Weak or isolated signs (score 1)." },
    MODERATE: { description: "Clear signs (score 2)." },
    HIGH: { description: "Strong, widespread signs (score 3)." },
    SEVERE: { description: "The factor is fully present (score 4)." },
  },
});

/** Credibility of a piece of information, as in the NATO/Admiralty grading scale. */
export enum Reliability {
  CONFIRMED = "CONFIRMED",
  PROBABLY_TRUE = "PROBABLY_TRUE",
  POSSIBLY_TRUE = "POSSIBLY_TRUE",
  DOUBTFUL = "DOUBTFUL",
  IMPROBABLE = "IMPROBABLE",
  CANNOT_BE_JUDGED = "CANNOT_BE_JUDGED",
}
registerEnumType(Reliability, {
  name: "Reliability",
  description: "Credibility of a finding's information, graded as on the Admiralty scale (1 confirmed … 6 cannot be judged).",
});

export enum Trend {
  NEW = "NEW",
  WORSENING = "WORSENING",
  STABLE = "STABLE",
  IMPROVING = "IMPROVING",
}
registerEnumType(Trend, {
  name: "Trend",
  description: "How an assessment's likelihood compares with the same author's previous assessment of the country that you may see.",
  valuesConfig: {
    NEW: { description: "No earlier assessment of the country by this author that you may see." },
    WORSENING: { description: "A higher likelihood than the previous assessment." },
    STABLE: { description: "The same likelihood as the previous assessment." },
    IMPROVING: { description: "A lower likelihood than the previous assessment." },
  },
});
