import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, Env, loadConfig } from "../../src/config.js";

describe("config", () => {
  it("runs with an empty environment on the embedded defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_URL: "file:./data/prepcoach.db", REDIS_URL: "redis://127.0.0.1:6379", DEFAULT_TIMEZONE: "UTC" });
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("treats blank values as unset", () => {
    expect(loadConfig({ DISCORD_TOKEN: "", HTTP_PORT: "" }).DISCORD_TOKEN).toBeUndefined();
  });

  it.each([
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL: must start with redis:// or rediss://"],
    [{ HTTP_PORT: "70000" }, "HTTP_PORT:"],
    [{ DISCORD_TOKEN: "abc" }, "DISCORD_APP_ID: is required when DISCORD_TOKEN is set"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: or SLACK_APP_TOKEN is required"],
    [{ SLACK_BOT_TOKEN: "nope", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN: must start with xoxb-"],
    [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL: must look like file:"],
  ])("names the variable and the problem for %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it(".env.example lists every variable of the schema, in schema order", () => {
    const keys = readFileSync(new URL("../../.env.example", import.meta.url), "utf8")
      .split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=")[0]);
    const schemaKeys = Object.keys((Env as unknown as { def: { in?: { shape: object }; schema?: { shape: object } } }).def.in?.shape
      ?? (Env as unknown as { shape: object }).shape ?? {});
    expect(keys).toEqual(schemaKeys);
  });
});
