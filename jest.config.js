/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Tests and examples import the package by its published names, as users do.
  moduleNameMapper: {
    "^cdktf-ens-key-pair$": "<rootDir>/lib",
    "^cdktf-ens-key-pair/testing$": "<rootDir>/lib/testing",
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup-jest.ts"],
  // The end-to-end suites drive real terraform processes; two workers match the 2-core machines.
  maxWorkers: 2,
  testTimeout: 120000,
};
