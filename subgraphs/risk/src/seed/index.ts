import { insertMissing, seedId } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Indicator } from "../entities/indicator.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { DEMO_ASSESSMENTS } from "./demo.js";
import { INDICATORS, RISK_FACTORS } from "./framework.js";

/** The Framework of Analysis and flagged demo assessments; records already there are left as they are. */
export async function seedRisk(em: EntityManager): Promise<void> {
  await insertMissing(em, RiskFactor, RISK_FACTORS);
  await insertMissing(em, Indicator, INDICATORS.map(({ factor, ...i }) => ({ ...i, factor: factor as never })));
  const now = new Date();
  await insertMissing(
    em,
    RiskAssessment,
    DEMO_ASSESSMENTS.map(({ key, country, author, ...a }) => ({
      ...a,
      id: seedId("assessment", key),
      countryCode: country,
      originator: author,
      demo: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
