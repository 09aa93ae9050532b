/** Redis connections for BullMQ, and a quick probe so the bot can run without Redis. */
import { Redis } from "ioredis";

/** True when Redis answers PING within the timeout. */
export async function isRedisReachable(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined); // the probe's answer is the return value, not an event
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
