import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // loading the knowledge base and wink's model takes about a second per worker
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
