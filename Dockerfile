# prepcoach: Node 20, production dependencies only, running as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV DATABASE_URL=file:/app/data/prepcoach.db HTTP_PORT=8080
EXPOSE 8080
VOLUME ["/app/data"]
# --optimize-for-size: V8's heap sized for memory over speed (1 MB semi-spaces, slower heap growth):
# the process stays under 200 MB with both adapters, 10k schedules and the chart worker (README,
# Performance), at ~0.1 ms more on an answer's tail. package.json's start and start:prod use it too.
CMD ["node", "--optimize-for-size", "dist/main.js"]
