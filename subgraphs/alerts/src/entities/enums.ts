import { enumObject } from "@concert/subgraph-kit/access";
import { registerEnumType } from "type-graphql";

export const ALERT_CONDITION_KINDS = [
  "ASSESSMENT_LEVEL",
  "ASSESSMENT_DIVERGENCE",
  "PLEDGE_STATUS",
  "MISSION_GAP",
  "PRACTICE_THEME",
  "ROTATION_UNCOVERED",
  "READINESS_STALLED",
  "FORECAST_RISE",
  "CROWD_FORECAST",
] as const;
export type AlertConditionKind = (typeof ALERT_CONDITION_KINDS)[number];
export const AlertConditionKindEnum = enumObject(ALERT_CONDITION_KINDS);
registerEnumType(AlertConditionKindEnum, {
  name: "AlertConditionKind",
  description: "What a webhook alert rule watches; each kind reads its own fields of `AlertConditionInput`.",
  valuesConfig: {
    ASSESSMENT_LEVEL: {
      description:
        "A published risk assessment of a country in `watchlist` (or in `countries`) crosses `level`, up or down; and when the watchlist gets a country, each published assessment of it at or above `level` (UP).",
    },
    ASSESSMENT_DIVERGENCE: {
      description: "Partners' latest published assessments of `country` come to differ by at least `levels` likelihood levels.",
    },
    PLEDGE_STATUS: { description: "One of your partner's pledges changes status, or falls due for renewal." },
    MISSION_GAP: { description: "The gap of `mission` for `capability` (required minus pledged units) crosses `threshold`, up or down." },
    PRACTICE_THEME: { description: "A practice is published on `theme`." },
    ROTATION_UNCOVERED: {
      description:
        "A deployed unit of `mission` you may read is due to rotate within `days` days and no replacement pledge you may read is outstanding; once per unit and date.",
    },
    READINESS_STALLED: {
      description:
        "A PLEDGED or VERIFIED pledge you may read (of `mission`, when given) has waited at its readiness level for more than `days` days; once per pledge and level.",
    },
    FORECAST_RISE: {
      description:
        "`partner`'s forecast on `question` rises by at least `points` percentage points over its previous forecast you may read.",
    },
    CROWD_FORECAST: {
      description:
        "The crowd forecast on `question` (the median of each partner's latest forecast, among those you may read) crosses `probability`, up or down.",
    },
  },
});

/** Likelihood levels, lowest first (the same values as the risk subgraph's `Likelihood`). */
export const ALERT_LEVELS = ["LOW", "MODERATE", "HIGH", "VERY_HIGH"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const AlertLevelEnum = enumObject(ALERT_LEVELS);
registerEnumType(AlertLevelEnum, {
  name: "AlertLevel",
  description: "A likelihood level an assessment alert watches, lowest first (the values of `Likelihood`).",
  valuesConfig: {
    LOW: { description: "Low." },
    MODERATE: { description: "Moderate." },
    HIGH: { description: "High." },
    VERY_HIGH: { description: "Very high." },
  },
});

export const DELIVERY_STATUSES = ["PENDING", "DELIVERED", "RETRYING", "DEAD"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatusEnum = enumObject(DELIVERY_STATUSES);
registerEnumType(DeliveryStatusEnum, {
  name: "AlertDeliveryStatus",
  description: "Where one webhook delivery stands.",
  valuesConfig: {
    PENDING: { description: "Queued, not tried yet." },
    DELIVERED: { description: "The receiver answered 2xx." },
    RETRYING: { description: "A try failed; it is tried again with backoff." },
    DEAD: {
      description:
        "Given up (dead letter): every try failed, or the rule's owner may no longer read what it was about, so nothing was sent.",
    },
  },
});
