/** Redis connection options shared by queues and workers. */
import type { ConnectionOptions } from "bullmq";

export interface JobsConfig {
  redisUrl: string;
  /** Key prefix: tests use a unique one so runs never see each other's jobs. */
  prefix: string;
}

export function connectionFor(redisUrl: string): ConnectionOptions {
  const u = new URL(redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    // Workers block on Redis; BullMQ requires null here so a slow command is not given up on.
    maxRetriesPerRequest: null,
  };
}
