import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.spec.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
  },
});
