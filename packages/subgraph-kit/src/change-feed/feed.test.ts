import "reflect-metadata";
import { makeServiceViewer, makeViewer } from "@concert/policy";
import { accessFingerprint, signCursor, verifyCursor } from "./cursor.js";
import type { EntryRow } from "./read.js";
import { accessOf } from "./records.js";
import { present } from "./schema.js";

const row = (over: Partial<EntryRow>): EntryRow => ({
  xid: "10",
  position: "1",
  at: "2026-11-29T00:00:00Z",
  record_type: "PRACTICE",
  record_id: "p",
  kind: "UPDATED",
  version: 2,
  marking: "PARTNERS",
  releasable_to: [],
  originator: "GCR2P",
  previous_marking: null,
  previous_releasable_to: null,
  parent_marking: null,
  parent_releasable_to: null,
  parent_originator: null,
  previous_parent_marking: null,
  previous_parent_releasable_to: null,
  ...over,
});

const partner = (code: string, kind: "GOVERNMENT" | "CIVIL_SOCIETY", groups: string[] = []) =>
  makeViewer({ subject: code, partner: code, kind, roles: ["viewer"], groups });

describe("what a reader hears of an entry", () => {
  const tightened = row({
    kind: "MARKING_CHANGED",
    marking: "RESTRICTED",
    releasable_to: ["R2PFP"],
    previous_marking: "PARTNERS",
    previous_releasable_to: [],
  });

  it("is ACCESS_REVOKED for a partner who could read the record before a marking change and not after", () => {
    expect(present(tightened, partner("USA", "GOVERNMENT"))).toEqual({ change: "ACCESS_REVOKED", previous: null });
    expect(present(tightened, partner("DEU", "GOVERNMENT", ["R2PFP"]))).toEqual({ change: "UPDATED", previous: null });
    expect(present(tightened, partner("GCR2P", "CIVIL_SOCIETY"))).toEqual({ change: "UPDATED", previous: null });
    expect(present(row({ kind: "DELETED", marking: "ORIGINATOR" }), partner("USA", "GOVERNMENT"))).toBeNull();
  });

  it("requires the parent's marking too, and revokes a child from those who lose its parent", () => {
    // A child's entry written when its parent was tightened from PARTNERS to GOVERNMENTS; the child itself is PARTNERS.
    const child = row({
      kind: "MARKING_CHANGED",
      marking: "PARTNERS",
      parent_marking: "GOVERNMENTS",
      parent_releasable_to: [],
      parent_originator: "USA",
      previous_parent_marking: "PARTNERS",
      previous_parent_releasable_to: [],
    });
    expect(present(child, partner("DEU", "GOVERNMENT"))).toEqual({ change: "UPDATED", previous: null });
    expect(present(child, partner("ICG", "CIVIL_SOCIETY"))).toEqual({ change: "ACCESS_REVOKED", previous: null });
    expect(
      present(row({ parent_marking: "ORIGINATOR", parent_releasable_to: [], parent_originator: "USA" }), partner("DEU", "GOVERNMENT")),
    ).toBeNull();
  });

  it("is every entry, with the previous marking, for the alerts service, which never gets ACCESS_REVOKED", () => {
    const alerts = makeServiceViewer("alerts");
    expect(present(tightened, alerts)).toEqual({ change: "UPDATED", previous: { marking: "PARTNERS", releasableTo: [] } });
    expect(present(row({ marking: "ORIGINATOR" }), alerts)).toEqual({ change: "UPDATED", previous: null });
    // Any other service is no more than an anonymous caller.
    expect(present(row({ marking: "ORIGINATOR" }), makeServiceViewer("other"))).toBeNull();
  });
});

describe("feed cursors", () => {
  const cursor = { xid: "10", position: "1", access: "a", epoch: "e", issuedAt: 1, types: [] };

  it("verify with their key only, and not once changed", () => {
    const signed = signCursor(cursor, "key-one-key-one-key-one-key-one-");
    expect(verifyCursor(signed, "key-one-key-one-key-one-key-one-")).toEqual(cursor);
    expect(verifyCursor(signed, "key-two-key-two-key-two-key-two-")).toBeNull();
    expect(verifyCursor(`${signed.slice(0, 5)}x${signed.slice(6)}`, "key-one-key-one-key-one-key-one-")).toBeNull();
  });

  it("name a reader's access by partner, kind and groups in any order", () => {
    const a = accessFingerprint(accessOf(partner("DEU", "GOVERNMENT", ["SLF", "R2PFP"])));
    expect(accessFingerprint(accessOf(partner("DEU", "GOVERNMENT", ["R2PFP", "SLF"])))).toBe(a);
    expect(accessFingerprint(accessOf(partner("DEU", "GOVERNMENT", ["SLF"])))).not.toBe(a);
    expect(accessFingerprint(accessOf(partner("DEU", "CIVIL_SOCIETY", ["SLF", "R2PFP"])))).not.toBe(a);
  });
});
