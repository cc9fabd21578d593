# syntax=docker/dockerfile:1
# 信用数据工厂镜像 / The credit data factory image.
# One image serves the API/UI (default), the Temporal workers and the migrate job; the compose
# file picks the command. Debian (glibc) base on purpose: Temporal's core bridge ships no musl
# build, so alpine images cannot run a worker. TypeScript runs through tsx (a runtime
# dependency), so there is no compile step.

# ---- dependencies: production packages only ----
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# `npm install` with the lock rather than `npm ci`: see scripts/ensure-deps.sh for why.
RUN npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime ----
# The browser application is built with the development packages (Vite, React, Ant Design) and only
# its output is kept.
FROM node:20.20.2-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY web ./web
RUN npm run build:web

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CDF_DATA_DIR=/var/lib/cdf \
    CDF_HOST=0.0.0.0 \
    CDF_PORT=8600
WORKDIR /app
# The landing volume is mounted here; a fresh named volume takes this owner.
RUN mkdir -p /var/lib/cdf && chown node:node /var/lib/cdf
# Sources and packages stay owned by root, read-only for the service user.
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=web /app/web/dist ./web/dist
USER node
EXPOSE 8600
CMD ["node", "--import", "tsx", "server/main.ts"]
