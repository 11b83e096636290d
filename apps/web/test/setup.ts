import { beforeAll } from "vitest";

// The app loads the domain's schemas on the first answer it checks (api/http.ts `checked`), which in
// a test is the first await of a render: transforming zod and every schema there can outlast
// Testing Library's 1 s `findBy`. Loading them once before the tests keeps that cost out of them.
beforeAll(async () => {
  await import("@clc/domain");
});
