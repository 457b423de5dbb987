import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts", "tests/postgres/global-setup.ts"],
    testTimeout: 20_000,
  },
});
