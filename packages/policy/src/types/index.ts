/**
 * The declaration of every marked record type, one file per subgraph: what governs reading it (see `MarkedTypeSpec`
 * in ../marked-type.ts). A new record type adds its `declareMarkedType(...)` to its subgraph's file; the kit derives
 * its SQL filter, row check, audience, change-feed entries and alert check from it, `markedType(name)` finds it,
 * and test/access/agreement.test.ts checks that the readers agree.
 */
export * from "./engagements.js";
export * from "./peacekeeping.js";
export * from "./risk.js";
