import { MissionStatus, PersonnelCategory } from "../entities/enums.js";

/**
 * UN peacekeeping operations: the 11 current ones and recently closed ones (public fact).
 * Dates are those of the establishing Security Council resolution and of the mandate's end.
 */
export const MISSIONS: {
  acronym: string;
  name: string;
  hostCountryCodes: string[];
  protectionOfCivilians: boolean;
  chapterVII: boolean;
  startDate: string;
  endDate: string | null;
  status: MissionStatus;
}[] = [
  {
    acronym: "MINURSO",
    name: "United Nations Mission for the Referendum in Western Sahara",
    hostCountryCodes: ["ESH"],
    protectionOfCivilians: false,
    chapterVII: false,
    startDate: "1991-04-29",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "MINUSCA",
    name: "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
    hostCountryCodes: ["CAF"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2014-04-10",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "MONUSCO",
    name: "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    hostCountryCodes: ["COD"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2010-07-01",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNDOF",
    name: "United Nations Disengagement Observer Force",
    hostCountryCodes: ["SYR"],
    protectionOfCivilians: false,
    chapterVII: false,
    startDate: "1974-05-31",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNFICYP",
    name: "United Nations Peacekeeping Force in Cyprus",
    hostCountryCodes: ["CYP"],
    protectionOfCivilians: false,
    chapterVII: false,
    startDate: "1964-03-04",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNIFIL",
    name: "United Nations Interim Force in Lebanon",
    hostCountryCodes: ["LBN"],
    protectionOfCivilians: true,
    chapterVII: false,
    startDate: "1978-03-19",
    endDate: "2026-12-31",
    status: MissionStatus.DRAWING_DOWN,
  },
  {
    acronym: "UNISFA",
    name: "United Nations Interim Security Force for Abyei",
    hostCountryCodes: ["SDN", "SSD"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2011-06-27",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNMIK",
    name: "United Nations Interim Administration Mission in Kosovo",
    hostCountryCodes: ["UNK"],
    protectionOfCivilians: false,
    chapterVII: true,
    startDate: "1999-06-10",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNMISS",
    name: "United Nations Mission in the Republic of South Sudan",
    hostCountryCodes: ["SSD"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2011-07-08",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNMOGIP",
    name: "United Nations Military Observer Group in India and Pakistan",
    hostCountryCodes: ["IND", "PAK"],
    protectionOfCivilians: false,
    chapterVII: false,
    startDate: "1949-01-24",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "UNTSO",
    name: "United Nations Truce Supervision Organization",
    hostCountryCodes: ["ISR", "EGY", "JOR", "LBN", "SYR"],
    protectionOfCivilians: false,
    chapterVII: false,
    startDate: "1948-05-29",
    endDate: null,
    status: MissionStatus.ACTIVE,
  },
  {
    acronym: "MINUSMA",
    name: "United Nations Multidimensional Integrated Stabilization Mission in Mali",
    hostCountryCodes: ["MLI"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2013-04-25",
    endDate: "2023-12-31",
    status: MissionStatus.CLOSED,
  },
  {
    acronym: "UNAMID",
    name: "African Union-United Nations Hybrid Operation in Darfur",
    hostCountryCodes: ["SDN"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2007-07-31",
    endDate: "2020-12-31",
    status: MissionStatus.CLOSED,
  },
  {
    acronym: "MINUSTAH",
    name: "United Nations Stabilization Mission in Haiti",
    hostCountryCodes: ["HTI"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2004-04-30",
    endDate: "2017-10-15",
    status: MissionStatus.CLOSED,
  },
  {
    acronym: "UNMIL",
    name: "United Nations Mission in Liberia",
    hostCountryCodes: ["LBR"],
    protectionOfCivilians: true,
    chapterVII: true,
    startDate: "2003-09-19",
    endDate: "2018-03-30",
    status: MissionStatus.CLOSED,
  },
];

export const CAPABILITY_TYPES = [
  { code: "INFANTRY_BATTALION", name: "Infantry battalion" },
  { code: "QUICK_REACTION_FORCE", name: "Quick reaction force" },
  { code: "UTILITY_HELICOPTER_UNIT", name: "Utility helicopter unit" },
  { code: "ARMED_HELICOPTER_UNIT", name: "Armed helicopter unit" },
  { code: "MEDICAL_UNIT", name: "Medical evacuation / field hospital" },
  { code: "ENGINEERING_UNIT", name: "Engineering unit" },
  { code: "ISR_UAS_UNIT", name: "Intelligence, surveillance and reconnaissance / unmanned aircraft systems" },
  { code: "EOD_UNIT", name: "Explosive ordnance disposal unit" },
  { code: "FORMED_POLICE_UNIT", name: "Formed police unit" },
  { code: "INDIVIDUAL_POLICE", name: "Individual police officers" },
  { code: "STAFF_OFFICERS", name: "Staff officers" },
];

export const PLEDGING_EVENTS = [
  { code: "SUMMIT_2015", name: "Leaders' Summit on Peacekeeping", place: "New York", date: "2015-09-28" },
  { code: "LONDON_2016", name: "UN Peacekeeping Defence Ministerial", place: "London", date: "2016-09-08" },
  { code: "VANCOUVER_2017", name: "UN Peacekeeping Defence Ministerial", place: "Vancouver", date: "2017-11-14" },
  { code: "SEOUL_2021", name: "UN Peacekeeping Ministerial", place: "Seoul", date: "2021-12-07" },
  { code: "ACCRA_2023", name: "UN Peacekeeping Ministerial", place: "Accra", date: "2023-12-05" },
  { code: "BERLIN_2025", name: "UN Peacekeeping Ministerial", place: "Berlin", date: "2025-05-13" },
];

/** Public facts of pledging events, where recorded (the event rows above carry none of their own). */
export const PLEDGING_EVENT_FACTS: Record<string, { statesPledged: number; factsSource: string }> = {
  BERLIN_2025: {
    statesPledged: 74,
    factsSource: "United Nations Peacekeeping Ministerial, Berlin, 13–14 May 2025: pledges from 74 Member States.",
  },
};

/**
 * The Uniformed Gender Parity Strategy 2018–2028 (United Nations Department of Peace Operations): the share of women
 * it sets as its target for 2028, per category of uniformed personnel.
 */
export const GENDER_PARITY_SOURCE = "United Nations, Uniformed Gender Parity Strategy 2018–2028, targets for 2028";
export const GENDER_PARITY_TARGETS = [
  { category: PersonnelCategory.MILITARY_CONTINGENTS, target: 0.15, year: 2028, source: GENDER_PARITY_SOURCE },
  { category: PersonnelCategory.MILITARY_OBSERVERS_AND_STAFF_OFFICERS, target: 0.25, year: 2028, source: GENDER_PARITY_SOURCE },
  { category: PersonnelCategory.FORMED_POLICE_UNITS, target: 0.2, year: 2028, source: GENDER_PARITY_SOURCE },
  { category: PersonnelCategory.INDIVIDUAL_POLICE_OFFICERS, target: 0.3, year: 2028, source: GENDER_PARITY_SOURCE },
];
