/**
 * /healthz and /metrics. They run on HTTP_PORT: on their own server, or as custom routes of
 * the Slack HTTP receiver when that runs (one port for both).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export interface HealthChecks {
  /** SELECT 1 on the store (storage/store.ts ping), whichever dialect. */
  database(): boolean | Promise<boolean>;
  redis(): Promise<boolean | "off">;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export interface Route { path: string; method: "GET"; handler: RouteHandler }

export function observabilityRoutes(checks: HealthChecks, registry: Registry): Route[] {
  return [
    {
      path: "/healthz", method: "GET",
      async handler(_req, res) {
        const database = await safely(() => checks.database());
        const redis = await checks.redis().catch(() => false);
        const ok = database && redis !== false;
        res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({
          status: ok ? "ok" : "degraded", database: database ? "up" : "down", redis: redis === "off" ? "off" : redis ? "up" : "down",
        }));
      },
    },
    {
      path: "/metrics", method: "GET",
      async handler(_req, res) {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(await registry.metrics());
      },
    },
  ];
}

async function safely(check: () => boolean | Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch {
    return false;
  }
}

/** A small server for the routes when no Slack receiver owns the port. */
export function startHttpServer(port: number, routes: Route[], host = "0.0.0.0"): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    Promise.resolve(route.handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
