/** Sharing markings, from the loosest to the strictest. */
export const MARKINGS = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED", "ORIGINATOR"] as const;
export type Marking = (typeof MARKINGS)[number];

export const PARTNER_KINDS = ["GOVERNMENT", "MULTILATERAL", "CIVIL_SOCIETY"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const ROLES = ["viewer", "analyst", "planner", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
