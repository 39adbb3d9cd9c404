export { accessFingerprint, type FeedCursor, signCursor, verifyCursor } from "./cursor.js";
export { ChangeEntry, ChangeFeedEpoch, type StoredChangeKind } from "./entry.js";
export { pruneChangeEntries, rebaseRestoredChangeEntries } from "./read.js";
export { ChangeRecorder } from "./recorder.js";
export {
  accessOf,
  type ChangeFeedDefinition,
  type EntryAudience,
  type FeedChildType,
  type FeedRecordType,
  type RecordData,
} from "./records.js";
export { CHANGE_KINDS, type ChangeKind, ChangeKindEnum, ChangeMarking, changeFeedResolver, resyncRequired } from "./schema.js";
export * from "./settings.js";
