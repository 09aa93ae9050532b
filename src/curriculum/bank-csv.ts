/**
 * The CSV form of a question bank (docs/question-bank.md): a small strict RFC 4180 reader (no
 * package needed), the columns, and how a row becomes the item the YAML form would give.
 * Problems have nested facts and rubrics, so they come in YAML files only.
 */

/** Every column a bank CSV may have, in the order an export writes them. */
export const CSV_COLUMNS = [
  "kind", "id", "topic", "title", "summary", "level", "format", "prompt",
  "correct", "wrong_1", "why_1", "wrong_2", "why_2", "wrong_3", "why_3", "wrong_4", "why_4",
  "key_points", "model_answer", "explanation", "inputs", "answer", "tolerance", "solution",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Several values in one cell (key points, drill inputs) are separated by this. */
export const LIST_SEPARATOR = "|";

export interface CsvRecord { line: number; cells: string[] }

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * Records with the line each starts on. Strict: a quote may open a field only at its start, and
 * a quoted field must close; a field may span lines inside quotes.
 */
export function readCsv(text: string): CsvRead {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark from a spreadsheet
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = "";
      if (text[i] === '"') {
        const opened = line;
        i += 1;
        for (;;) {
          if (i >= text.length) return { ok: false, line: opened, reason: "a quoted field is never closed" };
          const ch = text[i]!;
          if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          if (ch === '"') { i += 1; break; }
          if (ch === "\n") line += 1;
          cell += ch;
          i += 1;
        }
        if (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          return { ok: false, line, reason: "text after a closing quote (write a quote inside a quoted field as \"\")" };
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"') return { ok: false, line, reason: "a quote inside an unquoted field (quote the whole field)" };
          cell += text[i];
          i += 1;
        }
      }
      cells.push(cell);
      if (text[i] === ",") { i += 1; continue; }
      break;
    }
    if (text[i] === "\r") i += 1;
    if (text[i] === "\n") i += 1;
    line += 1;
    // Blank lines between records are skipped.
    if (!(cells.length === 1 && cells[0]!.trim() === "")) records.push({ line: start, cells });
  }
  return { ok: true, records };
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);

export function writeCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((r) => r.map(quote).join(",")).join("\n") + "\n";
}

type Cells = Partial<Record<CsvColumn, string>>;

const list = (cell: string) => cell.split(LIST_SEPARATOR).map((x) => x.trim()).filter(Boolean);
/** A whole number stays a number; anything else is left as typed for the schema to name. */
const num = (cell: string) => (/^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell);

/** A row's item in the YAML form, and its kind as written. */
export function itemOfRow(c: Cells): { kind: string; item: Record<string, unknown> } {
  const kind = (c.kind ?? "").toLowerCase();
  const given = <K extends string>(pairs: Array<[K, unknown]>) =>
    Object.fromEntries(pairs.filter(([, v]) => v !== undefined && v !== "")) as Record<string, unknown>;
  if (kind === "topic") return { kind, item: given([["id", c.id], ["title", c.title], ["summary", c.summary]]) };
  if (kind === "drill") {
    return { kind, item: given([
      ["id", c.id], ["level", c.level && num(c.level)], ["prompt", c.prompt], ["inputs", c.inputs !== undefined ? list(c.inputs) : undefined],
      ["answer", c.answer], ["tolerance", c.tolerance && num(c.tolerance)], ["solution", c.solution],
    ]) };
  }
  const base: Array<[string, unknown]> = [
    ["id", c.id], ["topic", c.topic], ["level", c.level && num(c.level)], ["format", c.format], ["prompt", c.prompt], ["explanation", c.explanation],
  ];
  if (c.format === "mcq") {
    const wrong = ([1, 2, 3, 4] as const).flatMap((n) => {
      const text = c[`wrong_${n}`];
      const why = c[`why_${n}`];
      return text ? [{ text, ...(why ? { why } : {}) }] : [];
    });
    return { kind, item: given([...base, ["options", [...(c.correct ? [{ text: c.correct, correct: true }] : []), ...wrong]]]) };
  }
  return { kind, item: given([...base, ["keyPoints", c.key_points !== undefined ? list(c.key_points) : undefined], ["modelAnswer", c.model_answer]]) };
}
