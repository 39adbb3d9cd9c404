import { useTestSystem } from "@concert/system/testing";

let canAnalyst: string;
let assessment: { id: string; version: number };
let practiceId: string;

const LOG = `query($id: ID) { riskAccessLog(entityId: $id) { totalCount nodes { partner action decision entityType entityIds entityId marking at } } }`;
interface AccessLog {
  riskAccessLog: {
    totalCount: number;
    nodes: {
      partner: string;
      action: string;
      decision: string;
      entityType: string;
      entityIds: string[];
      entityId: string;
      marking: string;
      at: string;
    }[];
  };
}
interface EngagementsLog {
  engagementsAccessLog: { nodes: { partner: string; action: string; decision: string; marking: string; entityIds: string[] }[] };
}
const CONTRIBUTE = `mutation($input: PracticeInput!) { contributePractice(input: $input) { id } }`;

const system = useTestSystem();
beforeAll(async () => {
  canAnalyst = await system.token("CAN", "analyst");
  const created = await system.query(`mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, {
    token: canAnalyst,
    variables: {
      input: {
        country: "ISL",
        periodStart: "2026-01-01",
        periodEnd: "2026-03-31",
        likelihood: "LOW",
        confidence: "LOW",
        stage: "PREVENTION",
        summary: "[TEST] audited",
        marking: "RESTRICTED",
        releasableTo: ["EU"],
      },
    },
  });
  const published = await system.query(
    `mutation($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id version } }`,
    {
      token: canAnalyst,
      variables: { id: created.data.createRiskAssessment.id, v: created.data.createRiskAssessment.version },
    },
  );
  assessment = published.data.publishRiskAssessment;
  const practice = await system.query(CONTRIBUTE, {
    token: canAnalyst,
    variables: { input: { marking: "ORIGINATOR", kind: "BEST_PRACTICE", theme: "TRAINING", title: "[TEST] own eyes only", summary: "s" } },
  });
  practiceId = practice.data.contributePractice.id;
});

describe("the audit log", () => {
  it("records every write and every read of RESTRICTED material, with who, which partner, when and the decision", async () => {
    const eu = await system.token("EU", "viewer");
    const read = await system.query(`query($id: ID!) { riskAssessment(id: $id) { summary } }`, {
      token: eu,
      variables: { id: assessment.id },
    });
    expect(read.data.riskAssessment.summary).toBe("[TEST] audited");

    const log = await system.query<AccessLog>(LOG, { token: canAnalyst, variables: { id: assessment.id } });
    expect(log.errors).toBeUndefined();
    const entries = log.data!.riskAccessLog.nodes.map((e) => `${e.partner} ${e.action} ${e.decision}`);
    expect(entries).toEqual(expect.arrayContaining(["CAN create GRANTED", "CAN publish GRANTED", "EU read GRANTED"]));
    for (const e of log.data!.riskAccessLog.nodes) {
      // the deprecated entityId names the record asked about
      expect(e).toMatchObject({ entityType: "RiskAssessment", entityIds: [assessment.id], entityId: assessment.id });
      expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it("keeps no trace of a write that did not happen, and records the refusal of one that was not allowed", async () => {
    const initial = await system.query<AccessLog>(LOG, { token: canAnalyst, variables: { id: assessment.id } });
    const before = initial.data!.riskAccessLog.totalCount;
    const stale = await system.query(
      `mutation($id: ID!) { changeRiskAssessmentMarking(id: $id, expectedVersion: 1, input: { marking: PARTNERS, releasableTo: [] }) { id } }`,
      { token: canAnalyst, variables: { id: assessment.id } },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const usAnalyst = await system.token("USA", "analyst");
    // the US cannot see the assessment (RESTRICTED to the EU): to it, the record does not exist
    const foreign = await system.query(`mutation($id: ID!) { publishRiskAssessment(id: $id, expectedVersion: 2) { id } }`, {
      token: usAnalyst,
      variables: { id: assessment.id },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    // the EU can see it but not change it: refused, and the refusal is on record
    const refused = await system.query(
      `mutation($id: ID!) { changeRiskAssessmentMarking(id: $id, expectedVersion: 2, input: { marking: PUBLIC, releasableTo: [] }) { id } }`,
      { token: await system.token("EU", "analyst"), variables: { id: assessment.id } },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const after = await system.query<AccessLog>(LOG, { token: canAnalyst, variables: { id: assessment.id } });
    const actions = after.data!.riskAccessLog.nodes.map((e) => `${e.partner} ${e.action} ${e.decision}`);
    expect(actions.some((a) => a.startsWith("EU ") && a.endsWith(" DENIED"))).toBe(true);
    expect(actions.some((a) => a.startsWith("CAN ") && a.includes("marking"))).toBe(false);
    expect(after.data!.riskAccessLog.totalCount).toBeGreaterThanOrEqual(before);
    expect(actions.filter((a) => a.startsWith("CAN") && a.endsWith("GRANTED") && !a.includes("read"))).toHaveLength(2);
  });

  it("shows the log of a partner's records to that partner only", async () => {
    const eu = await system.query<AccessLog>(LOG, { token: await system.token("EU", "admin"), variables: { id: assessment.id } });
    expect(eu.data!.riskAccessLog.totalCount).toBe(0);
    const anonymous = await system.query<AccessLog>(LOG, { variables: { id: assessment.id } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("records the originator's own reads of ORIGINATOR material in every subgraph's log", async () => {
    await system.query(`query($id: ID!) { practice(id: $id) { title } }`, { token: canAnalyst, variables: { id: practiceId } });
    const log = await system.query(`query($id: ID) { engagementsAccessLog(entityId: $id) { nodes { partner action decision marking } } }`, {
      token: canAnalyst,
      variables: { id: practiceId },
    });
    expect(log.data.engagementsAccessLog.nodes).toEqual(
      expect.arrayContaining([
        { partner: "CAN", action: "read", decision: "GRANTED", marking: "ORIGINATOR" },
        expect.objectContaining({ partner: "CAN", decision: "GRANTED", marking: "ORIGINATOR" }),
      ]),
    );
  });

  it("records one entry per operation and kind of record read, naming every record it read", async () => {
    const second = await system.query(CONTRIBUTE, {
      token: canAnalyst,
      variables: {
        input: { marking: "ORIGINATOR", kind: "LESSON_LEARNED", theme: "TRAINING", title: "[TEST] own eyes, second", summary: "s" },
      },
    });
    const secondId: string = second.data.contributePractice.id;
    const compared = await system.query(`{ comparePractices(partners: ["CAN"], theme: "TRAINING") { practices { id } } }`, {
      token: canAnalyst,
    });
    const read: string[] = compared.data.comparePractices[0].practices.map((p: { id: string }) => p.id);
    expect(read).toEqual(expect.arrayContaining([practiceId, secondId]));

    const log = await system.query<EngagementsLog>(
      `query($id: ID) { engagementsAccessLog(entityId: $id) { nodes { partner action decision marking entityIds } } }`,
      { token: canAnalyst, variables: { id: secondId } },
    );
    const reads = log.data!.engagementsAccessLog.nodes.filter((e) => e.action === "read");
    // the second practice was read once, by the comparison: one entry, holding both ORIGINATOR practices it served
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ partner: "CAN", decision: "GRANTED", marking: "ORIGINATOR" });
    expect(reads[0]!.entityIds).toEqual(expect.arrayContaining([practiceId, secondId]));
    expect(new Set(reads[0]!.entityIds).size).toBe(reads[0]!.entityIds.length);
    expect(log.data!.engagementsAccessLog.nodes.filter((e) => e.action === "create")).toEqual([
      { partner: "CAN", action: "create", decision: "GRANTED", marking: "ORIGINATOR", entityIds: [secondId] },
    ]);
  });
});
