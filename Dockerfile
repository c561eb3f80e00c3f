# syntax=docker/dockerfile:1
# Invite Desk in one image: the site, the Teams bot and the job worker (docs/deploy.md).
#   docker build -t invite-desk .
#   docker run -p 3978:3978 -v invite-desk-data:/data --env-file .env invite-desk
# test/production/install.test.ts does what this file does (a production install of the files
# .dockerignore lets in, then a start with NODE_ENV=production), since the tests run no container engine.

# The base image's Node 24 runs the service (TypeScript directly, by Node's type stripping). The npm
# package `node` that gives `npm start` Node 24 on older systems is not installed here: its install
# script downloads a second Node. With --ignore-scripts it has no binary, npm links no `node` into
# node_modules/.bin, and `npm start` (should anyone run it in the container) finds the base image's.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only, exactly as locked. No dependency needs an install script (all are pure JavaScript).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY . .
# The SQLite store (when MONGODB_URI is unset) lives in DATA_DIR, owned by the unprivileged user `node`.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself as the main process (not npm), so `docker stop`'s SIGTERM reaches the server, which
# stops cleanly within 10 s.
CMD ["node", "bin/server.ts"]
