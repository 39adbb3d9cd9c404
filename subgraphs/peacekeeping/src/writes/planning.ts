import { badUserInput, optionalDate, requireCount, requireCountry } from "@concert/subgraph-kit";
import type { CapabilityRequirement } from "../entities/capability-requirement.js";
import type { Mission } from "../entities/mission.js";
import type { MissionInput, RequirementInput } from "../inputs/planning.js";

export function applyMission(mission: Mission, input: MissionInput, creating: boolean): void {
  if (creating && !input.name?.trim()) throw badUserInput("input.name", "name is required");
  if (creating && !input.startDate) throw badUserInput("input.startDate", "startDate is required");
  if (input.name !== undefined && !input.name.trim()) throw badUserInput("input.name", "name must not be empty");
  if (input.hostCountries !== undefined || creating) {
    const codes = (input.hostCountries ?? []).map((c) => c.toUpperCase());
    if (codes.length === 0) throw badUserInput("input.hostCountries", "name at least one host country");
    for (const code of codes) requireCountry("input.hostCountries", code);
    mission.hostCountryCodes = codes;
  }
  optionalDate("input.startDate", input.startDate);
  optionalDate("input.endDate", input.endDate);
  const { hostCountries: _codes, ...facts } = input;
  Object.assign(mission, Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)));
  if (mission.endDate && mission.endDate < mission.startDate) throw badUserInput("input.endDate", "must not be before startDate");
}

export function applyRequirement(requirement: CapabilityRequirement, input: RequirementInput, creating: boolean): void {
  for (const field of ["quantity", "personnel"] as const) {
    if (creating && (input[field] === undefined || input[field] === null)) throw badUserInput(`input.${field}`, `${field} is required`);
    requireCount(`input.${field}`, input[field] ?? undefined);
  }
  optionalDate("input.neededBy", input.neededBy);
  Object.assign(requirement, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
}
