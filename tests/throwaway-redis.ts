/**
 * A redis-server of the test's own, on a free ephemeral port, with no persistence: killing it and
 * starting it again gives an empty Redis, as a failover or a restart without a disk would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./free-port.js";

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** SIGKILLs the server (no shutdown save: there is nothing to save anyway). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () => new Promise<void>((resolve, reject) => {
    const c = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    child = c;
    let out = "";
    // Ready when it says so: no polling, however busy the machine is.
    c.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) resolve();
    });
    c.once("exit", (code) => reject(new Error(`redis-server on ${port} exited (${code}): ${out}`)));
    c.once("error", reject);
  });
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
  };
}
