/** One jest run over unit tests (packages), integration tests (subgraphs) and system tests (test/). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/system", "<rootDir>/subgraphs", "<rootDir>/gateway", "<rootDir>/exchange", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.[tj]s$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }] },
  // jose 6 is ESM only: let ts-jest compile it; our own compiled dist/ needs nothing.
  transformIgnorePatterns: [
    "/node_modules/(?!(jose|openid-client|oauth4webapi)/)",
    "^<rootDir>/(packages/[^/]+|subgraphs/[^/]+|gateway|exchange|system)/dist/",
  ],
  // Sources import each other with .js suffixes (nodenext); unit tests load the .ts files.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  globalSetup: "<rootDir>/test/support/global-setup.js",
  globalTeardown: "<rootDir>/test/support/global-teardown.js",
  testTimeout: 60_000,
  maxWorkers: 2,
};
