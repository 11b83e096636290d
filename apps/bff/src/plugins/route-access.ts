/**
 * Who may call a route. Every route declares one in `config.access`; the access plugin (plugins/access.ts)
 * enforces it. public: no sign-in; viewer: reads (and fleet refresh, preview); admin: changes.
 */
export type RouteAccess = "public" | "viewer" | "admin";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
