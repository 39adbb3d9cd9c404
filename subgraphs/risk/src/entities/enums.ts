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

export enum ForecastEvent {
  MASS_KILLING_ONSET = "MASS_KILLING_ONSET",
}
registerEnumType(ForecastEvent, {
  name: "ForecastEvent",
  description: "The event a forecast question asks about.",
  valuesConfig: {
    MASS_KILLING_ONSET: {
      description:
        "The onset of a new mass killing, as the Early Warning Project defines it: 1,000 or more noncombatants deliberately killed by the same armed group (state or non-state) within a period of a year or less.",
    },
  },
});

export enum QuestionStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
  RESOLVED_YES = "RESOLVED_YES",
  RESOLVED_NO = "RESOLVED_NO",
  ANNULLED = "ANNULLED",
}
registerEnumType(QuestionStatus, {
  name: "QuestionStatus",
  description: "Where a forecast question stands; the operator closes and resolves it.",
  valuesConfig: {
    OPEN: { description: "Partners may forecast." },
    CLOSED: { description: "No more forecasts; not yet resolved." },
    RESOLVED_YES: { description: "The event happened within the window: forecasts are scored against 1." },
    RESOLVED_NO: { description: "The event did not happen within the window: forecasts are scored against 0." },
    ANNULLED: { description: "The question cannot be settled; its forecasts are not scored." },
  },
});

export enum Stance {
  STRONGLY_DISAGREE = "STRONGLY_DISAGREE",
  DISAGREE = "DISAGREE",
  NEUTRAL = "NEUTRAL",
  AGREE = "AGREE",
  STRONGLY_AGREE = "STRONGLY_AGREE",
}
registerEnumType(Stance, {
  name: "Stance",
  description: "How far a partner agrees with another's assessment, on STIX 2.1's five-point opinion scale.",
});

export enum ActorRole {
  PERPETRATOR = "PERPETRATOR",
  PROTECTOR = "PROTECTOR",
  BYSTANDER = "BYSTANDER",
}
registerEnumType(ActorRole, {
  name: "ActorRole",
  description: "The part a group plays in a situation, as the US Atrocity Risk Assessment Framework names them.",
  valuesConfig: {
    PERPETRATOR: { description: "Would commit, order or enable atrocities." },
    PROTECTOR: { description: "Could prevent or stop them." },
    BYSTANDER: { description: "Neither, but could tip the balance." },
  },
});

/** Source reliability of the Admiralty code (A–F). */
export enum SourceReliability {
  A = "A",
  B = "B",
  C = "C",
  D = "D",
  E = "E",
  F = "F",
  NOT_GRADED = "NOT_GRADED",
}
registerEnumType(SourceReliability, {
  name: "SourceReliability",
  description: "How reliable a finding's source is, on the Admiralty (NATO) code's A–F scale.",
  valuesConfig: {
    A: { description: "Completely reliable." },
    B: { description: "Usually reliable." },
    C: { description: "Fairly reliable." },
    D: { description: "Not usually reliable." },
    E: { description: "Unreliable." },
    F: { description: "Reliability cannot be judged." },
    NOT_GRADED: { description: "The author gave no grade (read only; as input, the same as leaving it out)." },
  },
});

/** Information credibility of the Admiralty code (1–6). */
export enum InformationCredibility {
  CONFIRMED = "CONFIRMED",
  PROBABLY_TRUE = "PROBABLY_TRUE",
  POSSIBLY_TRUE = "POSSIBLY_TRUE",
  DOUBTFUL = "DOUBTFUL",
  IMPROBABLE = "IMPROBABLE",
  CANNOT_BE_JUDGED = "CANNOT_BE_JUDGED",
  NOT_GRADED = "NOT_GRADED",
}
registerEnumType(InformationCredibility, {
  name: "InformationCredibility",
  description: "How credible a finding's information is, on the Admiralty (NATO) code's 1–6 scale.",
  valuesConfig: {
    CONFIRMED: { description: "1: confirmed by other sources." },
    PROBABLY_TRUE: { description: "2: probably true." },
    POSSIBLY_TRUE: { description: "3: possibly true." },
    DOUBTFUL: { description: "4: doubtful." },
    IMPROBABLE: { description: "5: improbable." },
    CANNOT_BE_JUDGED: { description: "6: truth cannot be judged." },
    NOT_GRADED: { description: "The author gave no grade (read only; as input, the same as leaving it out)." },
  },
});
