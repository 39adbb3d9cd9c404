import { v5 as uuidv5 } from "uuid";

/**
 * Concert's UUID namespace for STIX ids. A STIX id is UUIDv5(namespace, "<RecordType>:<id>"), so exporting the same
 * record again gives the same id and a partner's tool updates its copy instead of adding a duplicate. Never change it.
 */
export const CONCERT_STIX_NAMESPACE = "b3fa895e-96d0-4002-ac17-954764e13908";

/** The STIX id of a Concert record: `report--<uuidv5>` for a risk assessment, and so on. */
export function stixId(stixType: string, recordType: string, id: string): string {
  return `${stixType}--${uuidv5(`${recordType}:${id}`, CONCERT_STIX_NAMESPACE)}`;
}
