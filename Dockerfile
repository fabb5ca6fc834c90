# syntax=docker/dockerfile:1
# Agentry as one container: the Next.js standalone server, started by scripts/launch.mjs (which
# applies pending migrations first, and starts the embedded database when DATABASE_URL is unset).
# docs/self-hosting.md; docker-compose.yml runs it with PostgreSQL, Inngest and Redis.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- dependencies (cached until package*.json or the Prisma schema change) -------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# postinstall runs `prisma generate`, which needs the schema, its config and the engine stub.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-engine-stub.mjs ./scripts/prisma-engine-stub.mjs
RUN npm ci --no-audit --no-fund

# --- build: .next/standalone holds the server and only the node_modules it uses --------------
FROM deps AS builder
COPY . .
RUN npx next build

# --- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    AGENTRY_DATA_DIR=/data
# The standalone folder brings server.js, .next/server, the traced node_modules, and what the
# launcher needs (scripts/launch.mjs, scripts/db, prisma/migrations, PGlite; next.config.mjs).
COPY --from=builder --chown=node:node /app/.next/standalone ./
COPY --from=builder --chown=node:node /app/.next/static ./.next/static
COPY --from=builder --chown=node:node /app/public ./public
# Generated secrets (AUTH_SECRET, AGENTRY_ENCRYPTION_KEY when not set) and the embedded database
# live here: keep it on a volume.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The launcher migrates, then runs the server as its child and passes SIGTERM on (graceful
# shutdown hands running executions back). peer-address.mjs gives per-IP limits the TCP peer.
CMD ["node", "scripts/launch.mjs", "node", "--import", "./scripts/peer-address.mjs", "server.js"]
