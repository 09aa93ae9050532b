/**
 * Every environment variable prepcoach reads, parsed once by zod. Only `src/main.ts` calls
 * `loadConfig`; everything else gets values as arguments.
 */
import { z } from "zod";
import { isIanaZone } from "./bot/time.js";

/** A blank value (`FOO=` in .env, `FOO= npm start`) means unset. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
/**
 * An unset variable takes the raw default `d` through the whole schema, transforms included:
 * zod 4's `.default()` hands back its value without running the transform (so a default of
 * "false" stayed the truthy string "false"); `.prefault()` parses it.
 */
const withDefault = <T extends z.ZodType>(s: T, d: z.input<T>) => z.preprocess(blankToUndefined, s.prefault(d as never));
const bool = z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).transform((v) => v === "true" || v === "1");
const list = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

export const Env = z.object({
  NODE_ENV: withDefault(z.enum(["development", "test", "production"]), "development"),
  /** Unset: "warn" on the console (logs would interleave with the REPL), "info" otherwise. */
  LOG_LEVEL: opt(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
  /** `file:<path>`: SQLite (the embedded default); `postgres://…` or `postgresql://…`: PostgreSQL (issue 21). */
  DATABASE_URL: withDefault(
    z.string().regex(/^(file:.+|postgres(ql)?:\/\/.+)/, "must look like file:./data/prepcoach.db or postgres://user@host:5432/db"),
    "file:./data/prepcoach.db",
  ),
  REDIS_URL: withDefault(z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://"), "redis://127.0.0.1:6379"),
  QUEUE_PREFIX: withDefault(z.string().regex(/^[\w-]+$/, "must be letters, digits, - or _"), "prepcoach"),
  DEFAULT_TIMEZONE: withDefault(z.string().refine(isIanaZone, "must be an IANA time zone like Asia/Kolkata"), "UTC"),
  /** "worker": only the job workers, posting through the platforms' REST APIs (scale-out on one host). */
  PROCESS_ROLE: withDefault(z.enum(["all", "worker"], { message: "must be all or worker" }), "all"),
  HTTP_PORT: opt(z.coerce.number().int().min(1).max(65_535)),
  /** Where the console adapter writes reply attachments (charts, exports); unset: <os tmpdir>/prepcoach. */
  PREPCOACH_FILES_DIR: opt(z.string().min(1)),
  /** Worker threads drawing /stats charts; unset: one per two cores, at least one. */
  CHART_WORKERS: opt(z.coerce.number().int().min(1).max(16)),
  DISCORD_TOKEN: opt(z.string().min(1)),
  DISCORD_APP_ID: opt(z.string().regex(/^\d+$/, "must be the numeric application id")),
  DISCORD_GUILD_ID: opt(z.string().regex(/^\d+$/, "must be a numeric guild id")),
  DISCORD_API_URL: opt(z.url()),
  DISCORD_MESSAGE_CONTENT: withDefault(bool, "false"),
  SLACK_BOT_TOKEN: opt(z.string().startsWith("xoxb-", "must start with xoxb-")),
  SLACK_SIGNING_SECRET: opt(z.string().min(1)),
  SLACK_APP_TOKEN: opt(z.string().startsWith("xapp-", "must start with xapp-")),
  SLACK_API_URL: opt(z.url()),
  SLACK_ADMIN_USER_IDS: withDefault(list, ""),
  /** Any OpenAI-compatible chat-completions server (docs/llm.md); unset: no model, nothing sent anywhere. */
  LLM_BASE_URL: opt(z.url()),
  LLM_MODEL: opt(z.string().min(1)),
  /** Optional: local servers (Ollama, vLLM, llama.cpp) take none. */
  LLM_API_KEY: opt(z.string().min(1)),
  /** The whole budget of one model answer, a 429's wait included; past it, the offline answer. */
  LLM_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(120_000), "8000"),
  /** Model calls per member per UTC day; cached answers do not count. */
  LLM_DAILY_CALLS_PER_MEMBER: withDefault(z.coerce.number().int().min(0), "50"),
}).superRefine((env, ctx) => {
  if (env.DISCORD_TOKEN && !env.DISCORD_APP_ID) {
    ctx.addIssue({ code: "custom", path: ["DISCORD_APP_ID"], message: "is required when DISCORD_TOKEN is set" });
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    ctx.addIssue({
      code: "custom", path: ["SLACK_SIGNING_SECRET"],
      message: "or SLACK_APP_TOKEN is required when SLACK_BOT_TOKEN is set",
    });
  }
  if (env.PROCESS_ROLE === "worker" && !env.DISCORD_TOKEN && !env.SLACK_BOT_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["PROCESS_ROLE"], message: "worker posts for Discord or Slack: set DISCORD_TOKEN or SLACK_BOT_TOKEN" });
  }
  if (env.LLM_BASE_URL && !env.LLM_MODEL) {
    ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "is required when LLM_BASE_URL is set" });
  }
  if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "is required for the Slack adapter" });
  }
});

export type Config = Readonly<z.infer<typeof Env>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses the environment; a bad value throws one line per variable, naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join("; ")}`);
  }
  return Object.freeze(parsed.data);
}

/**
 * For a script beside main.ts (`npm run discord:register`, `grader:eval`, …): the config, or one
 * line `<name>: <what is wrong>` on stderr and exit 1 — never a stack trace.
 */
export function loadConfigOrExit(name: string, env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(1);
  }
}

/** Which store a DATABASE_URL selects: `postgres://` and `postgresql://` are PostgreSQL, anything else (`file:`) SQLite. */
export const databaseDialect = (databaseUrl: string): "sqlite" | "postgres" =>
  (/^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite");

/** The SQLite file path of a `file:` DATABASE_URL. */
export const sqlitePath = (databaseUrl: string) => databaseUrl.replace(/^file:/, "");
