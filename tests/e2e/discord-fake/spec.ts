/**
 * Validates request bodies against Discord's own OpenAPI description (shared/specs). A path like
 * /channels/123/messages is matched to its template /channels/{channel_id}/messages; the
 * operation's JSON request schema (with its $refs) is compiled once with ajv.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

/**
 * Discord's OpenAPI description, in the shared folder beside the checkout (../shared/specs from
 * the repository; two levels up from a worktree under wt/).
 */
export const DISCORD_SPEC_FILE = ["../../../../shared/specs/", "../../../../../shared/specs/"]
  .map((dir) => fileURLToPath(new URL(`${dir}discord-openapi.json`, import.meta.url)))
  .find((f) => existsSync(f)) ?? fileURLToPath(new URL("../../../../shared/specs/discord-openapi.json", import.meta.url));

interface Operation { requestBody?: { content?: Record<string, { schema?: unknown }> } }
type PathItem = Record<string, Operation | unknown>;
interface Spec { paths: Record<string, PathItem>; components: Record<string, unknown> }

interface Template { path: string; pattern: RegExp; params: number }

export type Check = { ok: true; template: string } | { ok: false; template?: string; error: string };

/**
 * The spec sits in shared/specs beside the repo; a git worktree of the repo sits a level or two
 * deeper, so when the given path is missing the same file is looked for in shared/specs upwards.
 */
function locate(file: string): string {
  for (let dir = dirname(dirname(dirname(file))); !existsSync(file); dir = dirname(dir)) {
    const candidate = join(dir, "shared/specs", basename(file));
    if (existsSync(candidate)) return candidate;
    if (dir === dirname(dir)) break;
  }
  return file;
}

export class DiscordSpec {
  private readonly spec: Spec;
  private readonly ajv: Ajv2020;
  private readonly templates: Template[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    this.spec = JSON.parse(readFileSync(locate(file), "utf8")) as Spec;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    // ajv-formats is CommonJS; under NodeNext its function is the module's `default` property.
    ajvFormats.default(this.ajv);
    this.ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat("nonce", () => true);
    // The operations' schemas point at "#/components/…": keep them in one schema they can resolve in.
    this.ajv.addSchema({ $id: "discord", components: this.spec.components });
    this.templates = Object.keys(this.spec.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+")}$`),
      params: (path.match(/\{/g) ?? []).length,
    }));
  }

  /** The template of a concrete path with the method; literal segments beat parameters. */
  templateOf(method: string, path: string): string | undefined {
    return this.templates
      .filter((t) => t.pattern.test(path) && this.operation(t.path, method))
      .sort((a, b) => a.params - b.params)[0]?.path;
  }

  private operation(template: string, method: string): Operation | undefined {
    const op = this.spec.paths[template]?.[method.toLowerCase()];
    return op && typeof op === "object" ? (op as Operation) : undefined;
  }

  check(method: string, path: string, body: unknown): Check {
    const template = this.templateOf(method, path);
    if (!template) return { ok: false, error: `${method} ${path}: no such operation in Discord's API` };
    const schema = this.operation(template, method)?.requestBody?.content?.["application/json"]?.schema;
    if (!schema) {
      return body === undefined ? { ok: true, template } : { ok: false, template, error: `${method} ${template} takes no JSON body` };
    }
    const key = `${method} ${template}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as object);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return { ok: true, template };
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ");
    return { ok: false, template, error: `${key}: ${errors}` };
  }
}

/** "#/components/…" → "discord#/components/…", so a schema compiled on its own resolves its refs. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) =>
      [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `discord${v}` : rebase(v)]));
  }
  return node;
}
