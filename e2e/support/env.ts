/** Where the journeys' servers listen; set by playwright.config.ts before any worker starts. */
export const sandboxEndpoint = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`;
export const demoAccountId = "123456789012";
export const demoAdmin = { username: "admin", password: process.env.CLC_DEMO_ADMIN_PASSWORD ?? "" };
export const demoViewer = { username: "viewer", password: process.env.CLC_DEMO_VIEWER_PASSWORD ?? "" };
