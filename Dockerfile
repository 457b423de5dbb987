# syntax=docker/dockerfile:1
# Two stages: the first installs everything and builds (types checked, bundled, V8's code cache of
# dist/vendor/ made under the flags of `npm start`, which CMD repeats); the second holds only the
# built bot, the production dependencies it loads from node_modules (native addons, pg), the
# knowledge and the fonts, and runs as the unprivileged `node` user.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary fits the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY commands ./commands
COPY src ./src
COPY knowledge ./knowledge
RUN npm run validate:knowledge \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
# NODE_COMPILE_CACHE: Node 22 keeps the compiled code of dist/ there (dist/vendor/ has its own), so a
# restarted container starts faster.
ENV NODE_ENV=production \
    DATA_DIR=/data \
    NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/knowledge ./knowledge
COPY assets ./assets
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
# node itself is PID 1 and handles SIGTERM: it answers what is in flight, closes the database, exits.
STOPSIGNAL SIGTERM
# The same flags as `npm start`, under which the build made the code cache; the README says why (Deploying, systemd).
CMD ["node", "--expose-gc", "--max-semi-space-size=2", "--initial-old-space-size=32", "--v8-pool-size=1", "--wasm-tiering-budget=2000000000", "dist/src/index.js"]
