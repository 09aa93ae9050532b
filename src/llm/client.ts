/**
 * One model answer through the official `openai` client, aimed by `baseURL` at any
 * OpenAI-compatible chat-completions server. Structured output first (a JSON schema derived from
 * the zod schema); a server that refuses schemas (a 400/422 to `json_schema`) is asked again in
 * JSON mode with the schema in the instructions, and remembered. A 429 is retried after its
 * Retry-After only when that still fits in the time budget. Never throws.
 */
import OpenAI, { APIError, APIUserAbortError, APIConnectionTimeoutError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { ModelFailure } from "../bot/ports.js";

export interface ClientOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** The client's own fetch (tests may pass one); default: the global fetch. */
  fetch?: typeof fetch;
}

export type Completion<T> =
  | { ok: true; value: T; tokens?: { prompt: number; completion: number } }
  | { ok: false; reason: Exclude<ModelFailure, "capped" | "rejected">; detail: string };

export interface ChatRequest<T> { system: string; user: string; schema: z.ZodType<T>; name: string }

export interface ModelClient {
  complete<T>(req: ChatRequest<T>): Promise<Completion<T>>;
  /** True once the server refused a JSON schema: later calls go straight to JSON mode. */
  readonly jsonModeOnly: boolean;
}

/** Retry-After as milliseconds: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && headers?.get("retry-after-ms")) return ms;
  const raw = headers?.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Some local models wrap JSON in a Markdown fence even in JSON mode. */
const unfenced = (s: string) => s.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
});

export function createModelClient(o: ClientOptions): ModelClient {
  // Retries are ours (a 429 within the budget); the client's own would overrun LLM_TIMEOUT_MS.
  const client = new OpenAI({
    baseURL: o.baseURL, apiKey: o.apiKey ?? "unused-by-local-servers", maxRetries: 0, timeout: o.timeoutMs,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  let jsonModeOnly = false;

  async function once<T>(req: ChatRequest<T>, signal: AbortSignal, remaining: number) {
    // In JSON mode the server does not hold the answer to the schema: the instructions carry it.
    const system = jsonModeOnly
      ? `${req.system}\n\nReply with one JSON object that matches this JSON schema:\n${JSON.stringify(z.toJSONSchema(req.schema))}`
      : req.system;
    return client.chat.completions.create({
      model: o.model, temperature: 0,
      messages: [{ role: "system", content: system }, { role: "user", content: req.user }],
      response_format: jsonModeOnly ? { type: "json_object" } : zodResponseFormat(req.schema, req.name),
    }, { signal, timeout: Math.max(1, remaining), maxRetries: 0 });
  }

  return {
    get jsonModeOnly() { return jsonModeOnly; },
    async complete(req) {
      const deadline = Date.now() + o.timeoutMs;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), o.timeoutMs);
      try {
        for (;;) {
          try {
            const res = await once(req, abort.signal, deadline - Date.now());
            const content = res.choices[0]?.message.content;
            if (!content) return { ok: false, reason: "invalid", detail: "no content" };
            let data: unknown;
            try {
              data = JSON.parse(unfenced(content));
            } catch {
              return { ok: false, reason: "invalid", detail: "not JSON" };
            }
            const parsed = req.schema.safeParse(data);
            if (!parsed.success) return { ok: false, reason: "invalid", detail: parsed.error.issues[0]?.message ?? "schema" };
            const u = res.usage;
            return { ok: true, value: parsed.data, ...(u ? { tokens: { prompt: u.prompt_tokens, completion: u.completion_tokens } } : {}) };
          } catch (err) {
            if (abort.signal.aborted || err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) {
              return { ok: false, reason: "timeout", detail: `no answer within ${o.timeoutMs} ms` };
            }
            if (!(err instanceof APIError) || err.status === undefined) {
              return { ok: false, reason: "server_error", detail: err instanceof Error ? err.message : String(err) };
            }
            if ((err.status === 400 || err.status === 422) && !jsonModeOnly) {
              jsonModeOnly = true;
              continue;
            }
            if (err.status === 429) {
              const wait = retryAfterMs(err.headers);
              if (wait !== undefined && Date.now() + wait < deadline) {
                await sleep(wait, abort.signal);
                if (!abort.signal.aborted) continue;
              }
              return { ok: false, reason: "rate_limited", detail: `429, retry after ${wait ?? "?"} ms` };
            }
            return { ok: false, reason: "server_error", detail: `HTTP ${err.status}` };
          }
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
