import type { ExampleTab } from "@concert/ide";

/** The README's example operations, opened as the IDE's tabs (docs/operations.md, "The IDE"). */
export const IDE_EXAMPLES: ExampleTab[] = [
  {
    name: "A country at a glance (README; needs a token)",
    query: `query CountryAtAGlance {
  country(code: "CAF") {
    name
    region
    riskAssessments { likelihood stage author { code name } }
    missions { acronym name status }
    practices { title partner { code kind } }
  }
}
`,
  },
  {
    name: "Reference data (README; public, no token needed)",
    query: `query ReferenceData {
  riskFactors { number title scope }
  missions { acronym hostCountries { name } status }
  partners { code kind }
}
`,
  },
];
