/** Query keys of the operator's session (kept beside its fetchers). */
export const sessionKeys = {
  session: ["session"] as const,
  methods: ["session", "methods"] as const,
};
