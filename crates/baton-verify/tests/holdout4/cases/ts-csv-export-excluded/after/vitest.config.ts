import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/export.test.ts", "node_modules/**"],
    environment: "node",
  },
});
