/** Integration and e2e tests need the machine's Redis; say so clearly instead of skipping. */
import { isRedisReachable } from "../src/jobs/redis.js";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export default async function setup(): Promise<void> {
  if (!(await isRedisReachable(TEST_REDIS_URL))) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL}. Integration tests need it: start it with\n` +
      `  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
    );
  }
}
