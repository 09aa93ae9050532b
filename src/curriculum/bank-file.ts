/**
 * Reading a question-bank file (YAML or CSV, docs/question-bank.md) into validated items, or
 * every bad item with its line and reason: "line 12 (question my-q): keyPoints: at least 1
 * required". All or nothing: the caller stores items only when there are no errors.
 */
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from "yaml";
import type { z } from "zod";
import { CSV_COLUMNS, itemOfRow, readCsv, writeCsv, type CsvColumn } from "./bank-csv.js";
import { BANK_KINDS, schemaFor, type BankFormat, type BankItem, type BankKind } from "./bank-schema.js";
import { judgeAnswer, parseQuantity } from "./quantity.js";

/** The largest bank file taken (adapters refuse bigger files before downloading them). */
export const MAX_BANK_BYTES = 256 * 1024;

/** The most items one bank holds: enough for a team's own set, small enough to load per space. */
export const MAX_BANK_ITEMS = 1_000;

/** What the file is checked against: the built-in topics (questions may go into them). */
export interface BankContext { builtInTopics: ReadonlySet<string> }

export type BankParse = { ok: true; format: BankFormat; items: BankItem[] } | { ok: false; errors: string[] };

/** The YAML sections and the kind of item each holds. */
const SECTIONS: Record<string, BankKind> = { topics: "topic", questions: "question", drills: "drill", problems: "problem" };

/** `input` is what the schema checks; `raw` what export writes back (a YAML item, or a CSV row's cells). */
interface Candidate { kind: BankKind; line: number; input: unknown; raw: unknown }

export function formatOf(fileName: string): BankFormat | undefined {
  if (/\.ya?ml$/i.test(fileName)) return "yaml";
  if (/\.csv$/i.test(fileName)) return "csv";
  return undefined;
}

export function parseBankFile(fileName: string, text: string, ctx: BankContext): BankParse {
  const format = formatOf(fileName);
  if (!format) return { ok: false, errors: [`${fileName}: a bank file ends in .yaml, .yml or .csv`] };
  const read = format === "yaml" ? yamlCandidates(text) : csvCandidates(text);
  if (!read.ok) return read;
  if (read.candidates.length === 0) return { ok: false, errors: ["the file has no items (see the format in docs/question-bank.md)"] };
  if (read.candidates.length > MAX_BANK_ITEMS) return { ok: false, errors: [`the file has ${read.candidates.length} items; a bank holds at most ${MAX_BANK_ITEMS}`] };
  const errors: string[] = [];
  const items: BankItem[] = [];
  for (const c of read.candidates) {
    const parsed = schemaFor(c.kind, c.input).safeParse(c.input);
    if (parsed.success) items.push({ kind: c.kind, id: (parsed.data as { id: string }).id, line: c.line, item: parsed.data, raw: c.raw } as BankItem);
    else errors.push(itemError(c, issuesOf(parsed.error)));
  }
  errors.push(...crossCheck(items, ctx));
  errors.sort((a, b) => lineOf(a) - lineOf(b));
  return errors.length ? { ok: false, errors } : { ok: true, format, items };
}

const lineOf = (error: string) => Number(/^line (\d+)/.exec(error)?.[1] ?? 0);

function itemError(c: { kind: BankKind; line: number; input?: unknown; id?: string }, reasons: readonly string[]): string {
  const rawId = (c.input as { id?: unknown } | null)?.id;
  const id = c.id ?? (typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : "no id");
  return `line ${c.line} (${c.kind} ${id}): ${reasons.join("; ")}`;
}

function issuesOf(error: z.ZodError): string[] {
  // zod says "expected string, received undefined" for a field left out: a person reads "required".
  const message = (i: z.core.$ZodIssue) => (i.code === "invalid_type" && /received undefined$/.test(i.message) ? "required" : i.message);
  return error.issues.map((i) => `${i.path.join(".") || "item"}: ${message(i)}`);
}

type Read = { ok: true; candidates: Candidate[] } | { ok: false; errors: string[] };

function yamlCandidates(text: string): Read {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (node: { range?: [number, number, number] | null } | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split("\n")[0]}`) };
  }
  if (!isMap(doc.contents)) return { ok: false, errors: ["line 1: the file must be a map with topics, questions, drills and problems lists"] };
  const errors: string[] = [];
  const candidates: Candidate[] = [];
  for (const pair of doc.contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const kind = SECTIONS[key];
    const keyLine = at(pair.key as Node);
    if (!kind) { errors.push(`line ${keyLine}: unknown section "${key}" (the sections are ${Object.keys(SECTIONS).join(", ")})`); continue; }
    if (pair.value === null || pair.value === undefined) continue;
    if (!isSeq(pair.value)) { errors.push(`line ${keyLine}: ${key} must be a list (each item starts with "- ")`); continue; }
    for (const node of pair.value.items) {
      const raw: unknown = (node as Node | null)?.toJSON() ?? null;
      candidates.push({ kind, line: at(node as Node), input: raw, raw });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, candidates };
}

function csvCandidates(text: string): Read {
  const read = readCsv(text);
  if (!read.ok) return { ok: false, errors: [`line ${read.line}: not valid CSV: ${read.reason}`] };
  const [header, ...rows] = read.records;
  if (!header) return { ok: true, candidates: [] };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const errors: string[] = [];
  if (unknown.length) errors.push(`line ${header.line}: unknown column ${unknown.map((c) => `"${c}"`).join(", ")} (the columns are listed in docs/question-bank.md)`);
  if (!columns.includes("kind")) errors.push(`line ${header.line}: the first row names the columns, and one must be "kind"`);
  if (errors.length) return { ok: false, errors };
  const candidates: Candidate[] = [];
  for (const row of rows) {
    if (row.cells.length > columns.length) { errors.push(`line ${row.line}: ${row.cells.length} cells, but the header names ${columns.length} columns`); continue; }
    const cells: Partial<Record<CsvColumn, string>> = {};
    row.cells.forEach((cell, i) => { if (cell.trim() !== "") cells[columns[i] as CsvColumn] = cell.trim(); });
    const { kind, item } = itemOfRow(cells);
    if (kind === "problem") { errors.push(`line ${row.line} (problem ${cells.id ?? "no id"}): problems have facts and a rubric, so they come in YAML files only`); continue; }
    if (!(BANK_KINDS as readonly string[]).includes(kind)) { errors.push(`line ${row.line}: kind must be topic, question or drill`); continue; }
    candidates.push({ kind: kind as BankKind, line: row.line, input: item, raw: cells });
  }
  return errors.length ? { ok: false, errors } : { ok: true, candidates };
}

/** Checks between items: unique ids per kind, topics that exist, drills whose answer reads. */
function crossCheck(items: readonly BankItem[], ctx: BankContext): string[] {
  const errors: string[] = [];
  const firstLine = new Map<string, number>();
  const ownTopics = new Set(items.filter((i) => i.kind === "topic").map((i) => i.id));
  const knownTopic = (t: string) => ctx.builtInTopics.has(t) || ownTopics.has(t);
  const unknownTopic = (t: string) => `unknown topic ${t} (declare it under topics, or use a built-in topic id as /topics lists them)`;
  for (const it of items) {
    const key = `${it.kind}:${it.id}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) errors.push(itemError(it, [`id: duplicate id (also on line ${seen})`]));
    else firstLine.set(key, it.line);
    if (it.kind === "topic" && ctx.builtInTopics.has(it.id)) {
      errors.push(itemError(it, [`id: ${it.id} is a built-in topic; put questions in it with topic: ${it.id}, without declaring it`]));
    }
    if (it.kind === "question") {
      if (!knownTopic(it.item.topic)) errors.push(itemError(it, [`topic: ${unknownTopic(it.item.topic)}`]));
      const q = it.item;
      if (q.format === "free") {
        q.misconceptions.forEach((m, i) => {
          const bad = m.contradicts.filter((k) => k >= q.keyPoints.length);
          if (bad.length) errors.push(itemError(it, [`misconceptions.${i}.contradicts: key point ${bad.join(", ")}, but there are ${q.keyPoints.length}`]));
        });
      }
    }
    if (it.kind === "problem") {
      for (const t of it.item.topics) if (!knownTopic(t)) errors.push(itemError(it, [`topics: ${unknownTopic(t)}`]));
    }
    if (it.kind === "drill") {
      const d = it.item;
      if (!parseQuantity(d.answer).ok) errors.push(itemError(it, [`answer: "${d.answer}" is not a number with a unit (like 1,160/s or 40 TB)`]));
      else if (judgeAnswer(d.answer, d.tolerance, d.answer).kind !== "correct") errors.push(itemError(it, ["answer: does not match itself"]));
    }
  }
  return errors;
}

/** The bank written back in the format it came in: the items as the file wrote them, in order. */
export function writeBankFile(format: BankFormat, items: ReadonlyArray<Pick<BankItem, "kind" | "raw">>): string {
  if (format === "csv") {
    const rows = items.map((i) => CSV_COLUMNS.map((c) => String((i.raw as Partial<Record<CsvColumn, string>>)[c] ?? "")));
    return writeCsv([[...CSV_COLUMNS], ...rows]);
  }
  const doc: Record<string, unknown[]> = {};
  for (const [section, kind] of Object.entries(SECTIONS)) {
    const raws = items.filter((i) => i.kind === kind).map((i) => i.raw);
    if (raws.length) doc[section] = raws;
  }
  return `# prepcoach question bank (docs/question-bank.md)\n${stringify(doc, { lineWidth: 0 })}`;
}
