import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "bff",
    // Integration tests start servers and talk HTTP: on a loaded CI machine a test that takes 2 s
    // here can pass Vitest's 5 s default (the likeliest cause of a CI failure whose log did not
    // name the test). A hang guard, not a speed check: speed is measured by `pnpm bench`.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ["test/**/*.test.ts"],
  },
});
