# The console as a container: the production build of `pnpm build`, deployed with production
# dependencies only by scripts/prod-deploy.sh, run with plain `node` (README "Deploying").
# apps/bff/test/production-build.test.ts runs this file's deploy script, CMD and HEALTHCHECK on the
# same artifact outside Docker, so keep those three in step with it.

# ---- build: install everything, build, deploy the artifact to /out ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native addon when no prebuilt binary matches the platform.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
WORKDIR /src
# Dependencies first, from the lockfile alone, so a source change does not download them again.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN corepack pnpm fetch
COPY . .
RUN corepack pnpm install --frozen-lockfile --offline
RUN corepack pnpm build
RUN bash scripts/prod-deploy.sh /out

# ---- runtime: the artifact, plain node, non-root, one writable directory ----
FROM node:20-bookworm-slim
# Configuration is the environment variables of apps/bff/README.md. A container is reached from
# outside its own loopback, which only aws mode allows: set CLC_ALLOWED_HOSTS (and TRUST_PROXY behind
# a TLS proxy) and the AWS credentials/regions when running it.
ENV CLC_MODE=aws \
  HOST=0.0.0.0 \
  PORT=3000 \
  CLC_DATA_DIR=/data \
  MALLOC_ARENA_MAX=2
WORKDIR /app
# Owned by root and not writable by the console's user: the code cannot be changed at run time.
COPY --from=build /out/apps ./apps
# The only directory the console writes (SQLite database); mount a volume here.
RUN mkdir /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# /readyz answers 200 once AWS answers with the configured credentials; it skips the Host check.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node flags and MALLOC_ARENA_MAX: apps/bff/src/node-flags.ts (why, and what they save).
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "apps/bff/dist/main.js"]
