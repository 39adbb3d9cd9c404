/** A demo persona that development sign-in opens sessions for (issue 24); never an operator's admin. */
export interface DemoPersona {
  id: string;
  label: string;
  partner: string;
  partnerName: string;
  roles: string[];
}

/** The demo personas of DESIGN.md, in the order the sign-in page and the IDE list them. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { id: "usa-analyst", label: "USA analyst", partner: "USA", partnerName: "United States of America", roles: ["analyst"] },
  { id: "eu-viewer", label: "EU viewer", partner: "EU", partnerName: "European Union", roles: ["viewer"] },
  { id: "un-planner", label: "UN planner", partner: "UN", partnerName: "United Nations", roles: ["planner"] },
  { id: "can-slf", label: "Canada SLF member", partner: "CAN", partnerName: "Canada", roles: ["analyst"] },
  {
    id: "gcr2p-analyst",
    label: "GCR2P civil-society analyst",
    partner: "GCR2P",
    partnerName: "Global Centre for the Responsibility to Protect",
    roles: ["analyst"],
  },
];

/** The persona of `id`, unless it would speak as an operator or hold `admin` (refused whatever the list says). */
export function demoPersona(id: unknown, operators: readonly string[]): DemoPersona | undefined {
  const persona = DEMO_PERSONAS.find((p) => p.id === id);
  if (!persona || operators.includes(persona.partner) || persona.roles.includes("admin")) return undefined;
  return persona;
}
