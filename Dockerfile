# Tablekeeper: the API server on Bun, with SQLite on the /data volume.
#   docker build -t tablekeeper .                 the production image (last stage)
#   docker build --target test -t tablekeeper:test .   runs `bun test` while building
# Only classic-builder features are used (no RUN --mount), so it builds with DOCKER_BUILDKIT=0.
# The classic builder builds every stage before the target, so there the plain build runs the
# tests too; BuildKit skips the test stage unless it is the target.
ARG BUN_IMAGE=oven/bun:1

FROM ${BUN_IMAGE} AS base
WORKDIR /home/bun/app

# Production dependencies only, exactly as locked. Bun reads package-lock.json when there is no
# bun.lock; --frozen-lockfile fails the build if package.json and the lock disagree. The download
# cache is dropped in the same layer, since without BuildKit there is no cache mount to keep it.
FROM base AS deps
COPY package.json package-lock.json ./
RUN bun install --frozen-lockfile --production && rm -rf /root/.bun/install/cache

# The test suite, run while building: `docker build --target test .` fails when a test fails.
# Tests run as the unprivileged user, as the server does.
FROM base AS test
ENV NODE_ENV=test
COPY package.json package-lock.json ./
RUN bun install --frozen-lockfile && rm -rf /root/.bun/install/cache
COPY --chown=bun:bun . .
USER bun
RUN bun test
CMD ["bun", "test"]

FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/tablekeeper.db \
    DATA_DIR=/data
COPY --from=deps /home/bun/app/node_modules ./node_modules
# What the server reads at run time: tsconfig.json carries the JSX settings, drizzle/ the
# migrations that the server applies when it opens the database.
COPY package.json tsconfig.json bunfig.toml ./
COPY drizzle ./drizzle
COPY src ./src
# A new named volume takes the owner of the image's /data, so the server can write to it.
RUN mkdir -p /data && chown bun:bun /data
USER bun
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["bun", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["bun", "src/main.ts"]
