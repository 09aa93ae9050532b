/** Model-assisted coaching: optional, the offline answers are the floor. */
import type { z } from "zod";

/** What a model call is for (metrics label; the prompts live in services/model-*.ts). */
export type ModelTask = "grade" | "fact" | "probe" | "narrate";

/** Why the core got no usable model answer and used its offline one. */
export type ModelFailure = "capped" | "timeout" | "rate_limited" | "server_error" | "invalid" | "rejected";

/**
 * One question to the model. `system` is ours (trusted); `user` carries the material, with any
 * member text delimited inside it as data. The answer must parse with `schema`.
 */
export interface ModelRequest<T> {
  task: ModelTask;
  /** Whose call: the daily cap counts per member, and `me delete` forgets what was kept for them. */
  memberId: number;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** The JSON schema name sent with structured output. */
  name: string;
  /** Same key, same answer: a valid answer is served again without a call (question id + normalised answer). */
  cacheKey?: string;
}

export type ModelResult<T> = { ok: true; value: T; cached: boolean } | { ok: false; reason: ModelFailure };

/**
 * A chat-completions model (src/llm/ implements it over any OpenAI-compatible server). It never
 * throws: a slow, failing, capped or invalid answer is a `ModelResult` with `ok: false`.
 */
export interface ModelPort {
  ask<T>(req: ModelRequest<T>): Promise<ModelResult<T>>;
  /** The core used its offline answer instead of the model's (metrics). */
  fellBack(task: ModelTask, reason: ModelFailure): void;
  /** What is held in memory for a member (`me export`): cached verdicts they asked for, calls today. */
  heldFor(memberId: number): Array<Record<string, unknown>>;
  /** Forgets the member's cached verdicts and call count (`me delete`). */
  forget(memberId: number): void;
}
