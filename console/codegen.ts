import type { CodegenConfig } from "@graphql-codegen/cli";

// Types every .graphql document under src/ against the API schema clients see, and writes the persisted-documents
// manifest (sha256 of each document's text -> text) that the gateway serves session callers from.
const config: CodegenConfig = {
  schema: "generated/api.graphql",
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { persistedDocuments: { hashAlgorithm: "sha256" }, fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTimeISO: "string" } },
    },
  },
};

export default config;
