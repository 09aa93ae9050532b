/**
 * A fake OpenAI-compatible chat-completions server on loopback, as strict as the real ones where
 * it matters: POST /v1/chat/completions only, a model and messages required, `json_schema` needs a
 * name and a schema, JSON mode needs the word "json" in the messages (OpenAI's rule). Replies are
 * scripted: a JSON answer, raw text, a slow answer, a status (429 with Retry-After, 500), or a
 * refusal of JSON schemas (a 400, as servers without structured output answer).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
  temperature?: number;
}

export type Behaviour =
  | { kind: "json"; body: unknown; usage?: { prompt: number; completion: number } }
  | { kind: "raw"; content: string }
  | { kind: "slow"; ms: number; then: Behaviour }
  | { kind: "status"; status: number; retryAfter?: string; message?: string };

export interface FakeLlm {
  /** Base URL for LLM_BASE_URL / the client: http://127.0.0.1:<port>/v1 */
  url: string;
  /** Every request body received, in order (including refused ones). */
  requests: ChatBody[];
  /** Behaviours for the next requests, in order; then `respond`. */
  script(...b: Behaviour[]): void;
  /** The answer when nothing is scripted (default: a 500). */
  respond: (req: ChatBody) => Behaviour;
  /** Refuse `json_schema` response formats with a 400, as a server without structured output does. */
  rejectSchemas: boolean;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let s = "";
  req.on("data", (d: Buffer) => { s += d.toString(); });
  req.on("end", () => resolve(s));
});

/** The member text the core put between <answer> tags (the grading prompt). */
/** Runs `work` with `llm` answering `behaviour`, then puts its default back. */
export async function withModel<T>(llm: FakeLlm, behaviour: (req: ChatBody) => Behaviour, work: () => Promise<T>): Promise<T> {
  const saved = llm.respond;
  llm.respond = behaviour;
  try {
    return await work();
  } finally {
    llm.respond = saved;
  }
}

export const answerIn = (req: ChatBody) => /<answer>\n([\s\S]*)\n<\/answer>/.exec(req.messages.at(-1)?.content ?? "")?.[1] ?? "";

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: Behaviour[] = [];
  const state: FakeLlm = {
    url: "", requests: [], rejectSchemas: false,
    script: (...b) => { queue.push(...b); },
    respond: () => ({ kind: "status", status: 500, message: "nothing scripted" }),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const error = (status: number, message: string, headers: Record<string, string> = {}) =>
    ({ status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ error: { message, type: "invalid_request_error", code: null } }) });

  async function answer(b: Behaviour): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    if (b.kind === "slow") {
      await new Promise((r) => setTimeout(r, b.ms));
      return answer(b.then);
    }
    if (b.kind === "status") return error(b.status, b.message ?? `status ${b.status}`, b.retryAfter ? { "retry-after": b.retryAfter } : {});
    const content = b.kind === "raw" ? b.content : JSON.stringify(b.body);
    const usage = b.kind === "json" && b.usage ? b.usage : { prompt: 120, completion: 40 };
    return {
      status: 200, headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: `chatcmpl-${state.requests.length}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: "fake",
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
      }),
    };
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (r: { status: number; headers: Record<string, string>; body: string }) => {
        if (res.destroyed) return;
        res.writeHead(r.status, r.headers).end(r.body);
      };
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(error(404, `no route ${req.method} ${req.url}`));
      let body: ChatBody;
      try {
        body = JSON.parse(await readBody(req)) as ChatBody;
      } catch {
        return send(error(400, "body is not JSON"));
      }
      state.requests.push(body);
      if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) return send(error(400, "model and messages are required"));
      const rf = body.response_format;
      if (rf?.type === "json_schema") {
        if (state.rejectSchemas) return send(error(400, "response_format.type json_schema is not supported by this server"));
        if (!rf.json_schema?.name || !rf.json_schema.schema) return send(error(400, "json_schema needs a name and a schema"));
      }
      if (rf?.type === "json_object" && !body.messages.some((m) => /json/i.test(m.content))) {
        return send(error(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'."));
      }
      send(await answer(queue.shift() ?? state.respond(body)));
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}/v1`;
  return state;
}

/** How many key points the grading prompt numbers. */
export const keyPointsIn = (req: ChatBody) =>
  (/Key points:\n([\s\S]*?)\n\n/.exec(req.messages.at(-1)?.content ?? "")?.[1] ?? "").split("\n").filter((l) => /^\d+\. /.test(l)).length;

/** A model that finds every key point in the answer, quoting the whole answer (or `quote`). */
export function creditAll(req: ChatBody, quote?: string): Behaviour {
  const answer = answerIn(req);
  return {
    kind: "json",
    body: {
      keyPoints: Array.from({ length: keyPointsIn(req) }, (_, i) => ({ index: i + 1, covered: true, quote: quote ?? answer })),
      misconceptions: [], feedback: "A clear answer that covers the key points. Next, say what breaks first under load.",
    },
  };
}
