import { FactorScope } from "../entities/enums.js";

/** The UN Framework of Analysis for Atrocity Crimes (2014): its 14 risk factors and a selection of its indicators. */
export const RISK_FACTORS: { number: number; title: string; scope: FactorScope }[] = [
  { number: 1, title: "Situations of armed conflict or other forms of instability", scope: FactorScope.COMMON },
  { number: 2, title: "Record of serious violations of international human rights and humanitarian law", scope: FactorScope.COMMON },
  { number: 3, title: "Weakness of State structures", scope: FactorScope.COMMON },
  { number: 4, title: "Motives or incentives", scope: FactorScope.COMMON },
  { number: 5, title: "Capacity to commit atrocity crimes", scope: FactorScope.COMMON },
  { number: 6, title: "Absence of mitigating factors", scope: FactorScope.COMMON },
  { number: 7, title: "Enabling circumstances or preparatory action", scope: FactorScope.COMMON },
  { number: 8, title: "Triggering factors", scope: FactorScope.COMMON },
  { number: 9, title: "Intergroup tensions or patterns of discrimination against protected groups", scope: FactorScope.GENOCIDE },
  { number: 10, title: "Signs of an intent to destroy in whole or in part a protected group", scope: FactorScope.GENOCIDE },
  {
    number: 11,
    title: "Signs of a widespread or systematic attack against any civilian population",
    scope: FactorScope.CRIMES_AGAINST_HUMANITY,
  },
  { number: 12, title: "Signs of a plan or policy to attack any civilian population", scope: FactorScope.CRIMES_AGAINST_HUMANITY },
  { number: 13, title: "Serious threats to those protected under international humanitarian law", scope: FactorScope.WAR_CRIMES },
  { number: 14, title: "Serious threats to humanitarian or peacekeeping operations", scope: FactorScope.WAR_CRIMES },
];

export const INDICATORS: { code: string; factor: number; text: string }[] = [
  { code: "1.1", factor: 1, text: "International or non-international armed conflict." },
  {
    code: "1.2",
    factor: 1,
    text: "Security crisis caused by, among other factors, defection from peace agreements, armed conflict in neighbouring countries, threats of external interventions or acts of terrorism.",
  },
  {
    code: "2.1",
    factor: 2,
    text: "Past or present serious restrictions to or violations of international human rights and humanitarian law.",
  },
  { code: "3.1", factor: 3, text: "National legal framework that does not offer ample and effective protection." },
  { code: "4.1", factor: 4, text: "Political motives, particularly those aimed at the attainment or consolidation of power." },
  {
    code: "5.1",
    factor: 5,
    text: "Availability of personnel and of arms and ammunition, or of the financial resources, public or private, for their procurement.",
  },
  { code: "6.1", factor: 6, text: "Limited or lack of empowerment processes, institutions and programmes." },
  { code: "7.5", factor: 7, text: "Creation of, or increased support to, militia or paramilitary groups." },
  {
    code: "7.7",
    factor: 7,
    text: "Expulsion or refusal to allow the presence of NGOs, international organizations, media or other relevant actors, or imposition of serious restrictions on their services and movements.",
  },
  { code: "8.1", factor: 8, text: "Sudden deployment of security forces or commencement of armed hostilities." },
  {
    code: "8.8",
    factor: 8,
    text: "Census, elections, pivotal activities related to those processes, or measures that destabilize or prevent them.",
  },
  {
    code: "9.1",
    factor: 9,
    text: "Past or present serious discriminatory, segregational, restrictive or exclusionary practices, policies or legislation against protected groups.",
  },
  {
    code: "10.1",
    factor: 10,
    text: "Official documents, political manifests, media records, or any other documentation through which a direct intent, or incitement, to target a protected group is revealed.",
  },
  {
    code: "11.1",
    factor: 11,
    text: "Signs of patterns of violence against civilian populations, or against members of an identifiable group.",
  },
  {
    code: "12.1",
    factor: 12,
    text: "Official documents, political manifests, media records, or any other documentation through which the existence of a State or organizational plan or policy to target civilian populations is revealed.",
  },
  { code: "13.1", factor: 13, text: "Increased violence against civilians and others protected under international humanitarian law." },
  { code: "13.8", factor: 13, text: "Denial or obstruction of humanitarian access, or attacks on humanitarian objects or personnel." },
  { code: "14.1", factor: 14, text: "Attacks against humanitarian or peacekeeping personnel, facilities, material, units or vehicles." },
];
