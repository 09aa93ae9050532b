/**
 * Reads what people type as a back-of-envelope answer ("~1.2K QPS", "50 GB/day", "1.6 years",
 * "2 lakh") and judges it against a drill's expected answer with a tolerance.
 *
 * Rules worth knowing (the unit words themselves are in `units.ts`):
 * - Commas group digits (`1,200`, `1,00,000`); `1.2e3`, `5.68 × 10^10` and `62^6` are numbers.
 * - A lone `B` after a number is bytes (`500 B`), except when the expected answer is a count or
 *   a rate: there `56.8B` means 56.8 billion. `bn`/`billion` always mean billion.
 * - A lone `m`/`M` is million (`100M/day`); minutes must be written `min`.
 * - A bare number (no unit) is read in the unit of the expected answer: `182` against `182 TB`.
 * - A period after a duration ("8.8 hours/year") is dropped: the drill's prompt fixes the period.
 */
import { ADVERB_PERIODS, CURRENCY_PREFIX, PERIODS, SCALES, readUnit, type Dimension } from "./units.js";

export type { Dimension } from "./units.js";

export interface Quantity {
  /** In base units: 1, per second, bytes, bytes per second, seconds, percent. */
  value: number;
  dimension: Dimension;
}
type Reason = "empty" | "not-a-number" | "unknown-unit";
export type ParseResult = { ok: true; quantity: Quantity } | { ok: false; reason: Reason };
export type Judgement =
  | { kind: "correct" | "too-high" | "too-low"; given: Quantity; expected: Quantity; ratio: number }
  | { kind: "wrong-unit"; given: Quantity; expected: Quantity }
  | { kind: "unreadable"; reason: Reason };

/**
 * A parsed answer plus what the judge needs: the size of its unit, whether it had one, and the
 * period of a rate (seconds), so "50GB" can be read against "50 GB/day" as per day.
 */
export interface Reading { quantity: Quantity; unitFactor: number; bare: boolean; period?: number }

const APPROX = /^(~|≈|≃|∼|=|about|around|approx\.?|approximately|roughly|nearly|almost)\s*/i;

function readNumber(s: string): { value: number; rest: string } | undefined {
  const m = /^[+-]?(?:\d+(?:,\d{2,3})*(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/i.exec(s);
  if (!m) return undefined;
  let value = Number(m[0].replace(/,/g, ""));
  let rest = s.slice(m[0].length);
  const times10 = /^\s*(?:x|×|\*|·)\s*10\s*\^\s*([+-]?\d+)/i.exec(rest);
  const power = /^\s*\^\s*(\d+)/.exec(rest);
  if (times10) value *= 10 ** Number(times10[1]);
  else if (power) value **= Number(power[1]);
  rest = rest.slice((times10 ?? power)?.[0].length ?? 0);
  return Number.isFinite(value) ? { value, rest: rest.trim() } : undefined;
}

function readScale(s: string, hint: Dimension | undefined): { factor: number; rest: string } {
  // Only a count or a rate can be "billions"; everywhere else a lone B stays bytes.
  const billionB = /^B(?![a-zA-Z])/.exec(s);
  if (billionB && (hint === "count" || hint === "rate")) return { factor: 1e9, rest: s.slice(1).trim() };
  for (const [re, factor] of SCALES) {
    const m = re.exec(s);
    if (m) return { factor, rest: s.slice(m[0].length).trim() };
  }
  return { factor: 1, rest: s };
}

/** "/s", "per day", "a month", "every hour", "daily" → seconds in that period. */
function readPeriod(s: string): { seconds: number; rest: string } | undefined {
  for (const [re, seconds] of ADVERB_PERIODS) {
    const m = re.exec(s);
    if (m) return { seconds, rest: s.slice(m[0].length).trim() };
  }
  const lead = /^(\/|per\s+|an?\s+|each\s+|every\s+)\s*/i.exec(s);
  if (!lead) return undefined;
  const after = s.slice(lead[0].length);
  for (const [re, seconds] of PERIODS) {
    const m = re.exec(after);
    if (m) return { seconds, rest: after.slice(m[0].length).trim() };
  }
  return undefined;
}

const PER_PERIOD: Partial<Record<Dimension, Dimension>> = { count: "rate", bytes: "byte-rate", duration: "duration" };

/** "1.1-1.2k", "10k–20k", "1 to 2 TB": a range, read as its midpoint in the unit written last. */
const RANGE = /^(\d[\d,]*(?:\.\d+)?)\s*([a-zA-Z]{0,8})\s*(?:-|–|—|to)\s*(?=\d)(.+)$/;

function readRange(s: string, hint?: Dimension): Reading | Reason | undefined {
  const m = RANGE.exec(s);
  if (!m) return undefined;
  const high = read(m[3]!, hint);
  if (typeof high === "string") return high;
  const highNum = readNumber(m[3]!);
  if (!highNum || highNum.value === 0) return undefined;
  const highScale = readScale(highNum.rest, hint).factor;
  // The low end takes the high end's unit; its own multiplier (the k of "10k-20k") if it has one.
  const lowScale = m[2] ? readScale(m[2], hint) : undefined;
  if (m[2] && (!lowScale || lowScale.rest !== "")) return undefined;
  const perUnit = high.quantity.value / (highNum.value * highScale);
  const low = Number(m[1]!.replace(/,/g, "")) * (lowScale?.factor ?? highScale) * perUnit;
  return { ...high, quantity: { ...high.quantity, value: (low + high.quantity.value) / 2 } };
}

function read(text: string, hint?: Dimension): Reading | Reason {
  let s = text.trim().replace(APPROX, "").replace(/[.!]+$/, "").replace(/\s+/g, " ");
  const currency = CURRENCY_PREFIX.exec(s);
  if (currency) s = `${s.slice(currency[0].length)} ${/\$/.test(currency[0]) ? "dollars" : "rupees"}`;
  if (s === "") return text.trim() === "" ? "empty" : "not-a-number";
  const range = readRange(s, hint);
  if (range) return range;
  const num = readNumber(s);
  if (!num) return "not-a-number";
  const scale = readScale(num.rest, hint);
  const unit = scale.rest === "" ? undefined : readUnit(scale.rest);
  const afterUnit = unit ? scale.rest.slice(unit.length).trim() : scale.rest;
  const period = afterUnit === "" ? undefined : readPeriod(afterUnit);
  if ((period ? period.rest : afterUnit) !== "") return "unknown-unit";

  const base = unit ?? { dimension: "count" as const, factor: 1 };
  const dimension = period ? PER_PERIOD[base.dimension] : base.dimension;
  if (!dimension) return "unknown-unit";
  // A duration "per year" keeps its length: the period belongs to the question, not the answer.
  const perSecond = period && base.dimension !== "duration" ? 1 / period.seconds : 1;
  const unitFactor = base.factor * perSecond;
  return {
    quantity: { value: num.value * scale.factor * unitFactor, dimension },
    unitFactor,
    bare: !unit && !period,
    ...(period ? { period: period.seconds } : {}),
  };
}

/** Parses a typed answer; `hint` (the expected dimension) only settles what a lone `B` means. */
export function parseQuantity(text: string, hint?: Dimension): ParseResult {
  const r = read(text, hint);
  return typeof r === "string" ? { ok: false, reason: r } : { ok: true, quantity: r.quantity };
}

/** Three significant digits, no trailing zeros: 1160 → "1.16k" (with k/M/bn/T for counts). */
function short(n: number, scaled = true): string {
  const steps: ReadonlyArray<readonly [number, string]> = [[1e12, "T"], [1e9, "bn"], [1e6, "M"], [1e3, "k"]];
  const abs = Math.abs(n);
  const step = scaled ? steps.find(([size]) => abs >= size) : undefined;
  const v = step ? n / step[0] : n;
  return `${Number(v.toPrecision(3))}${step ? step[1] : ""}`;
}

/** The largest unit that keeps the number at 1 or more. */
function pick(value: number, units: ReadonlyArray<readonly [number, string]>): string {
  const unit = units.find(([size]) => Math.abs(value) >= size) ?? units[units.length - 1];
  if (!unit) return String(value);
  return `${short(value / unit[0], false)}${unit[1]}`;
}

const BYTE_UNITS = [[1e18, " EB"], [1e15, " PB"], [1e12, " TB"], [1e9, " GB"], [1e6, " MB"], [1e3, " KB"], [1, " B"]] as const;
const TIME_UNITS = [
  [31_536_000, " years"], [86_400, " days"], [3_600, " hours"], [60, " min"], [1, " s"], [1e-3, " ms"], [1e-6, " µs"], [1e-9, " ns"],
] as const;

export function formatQuantity(q: Quantity): string {
  switch (q.dimension) {
    case "count": return short(q.value);
    // Judged by size, so a negative rate is shown as typed ("-1.2k/s"), not turned into a daily one.
    case "rate": return Math.abs(q.value) >= 1 || q.value === 0 ? `${short(q.value)}/s` : `${short(q.value * 86_400)}/day`;
    case "bytes": return pick(q.value, BYTE_UNITS);
    case "byte-rate":
      // Slow byte-rates read better per day: "50 GB/day" rather than "579 KB/s".
      return Math.abs(q.value) >= 1e6 || q.value === 0 ? `${pick(q.value, BYTE_UNITS)}/s` : `${pick(q.value * 86_400, BYTE_UNITS)}/day`;
    case "duration": return pick(q.value, TIME_UNITS);
    case "dollars": return `$${short(q.value)}`;
    case "rupees": return `₹${short(q.value)}`;
    case "percent": {
      // Show digits up to the first one that is not a 9, so 99.9999999 % does not round to 100 %.
      const gap = 100 - q.value;
      const decimals = gap > 0 ? Math.min(9, Math.max(1, Math.ceil(-Math.log10(gap)) + 1)) : 1;
      return `${Number(q.value.toFixed(decimals))}%`;
    }
  }
}

/** Floating-point slack so an answer exactly on the tolerance edge counts as inside it. */
const EPSILON = 1e-9;

/**
 * Judges `input` against the drill answer `expected`. `tolerance` is relative (0.2 accepts
 * expected × 0.8 … expected × 1.2) or "oom": within a factor of 3 either way.
 */
export function judgeAnswer(expected: string, tolerance: number | "oom", input: string): Judgement {
  const exp = read(expected);
  if (typeof exp === "string") throw new Error(`drill answer "${expected}" does not parse: ${exp}`);
  return judgeReading(exp, tolerance, input);
}

/** What a rate's base dimension is without its period: "50GB" against a per-day answer. */
const WITHOUT_PERIOD: Partial<Record<Dimension, Dimension>> = { rate: "count", "byte-rate": "bytes" };

/** Judges `input` against an expected reading (from a drill's answer, or an eval case's value and unit). */
export function judgeReading(exp: Reading, tolerance: number | "oom", input: string): Judgement {
  const got = read(input, exp.quantity.dimension);
  if (typeof got === "string") return { kind: "unreadable", reason: got };
  // Only a slow period ("per day") is implied: "3 TB" is no answer to a question about Tbps.
  const perExpectedPeriod = !got.period && exp.period !== undefined && exp.period >= 3_600 && WITHOUT_PERIOD[exp.quantity.dimension] === got.quantity.dimension
    && got.quantity.dimension === "bytes";
  const given: Quantity = got.bare
    ? { value: got.quantity.value * exp.unitFactor, dimension: exp.quantity.dimension }
    : perExpectedPeriod
      // A drill that asks "per day" takes "50GB" as 50 GB that day.
      ? { value: got.quantity.value / exp.period!, dimension: exp.quantity.dimension }
      : got.quantity;
  const want = exp.quantity;
  if (given.dimension !== want.dimension) return { kind: "wrong-unit", given, expected: want };
  const ratio = want.value === 0 ? (given.value === 0 ? 1 : Infinity) : given.value / want.value;
  const [low, high] = tolerance === "oom" ? [1 / 3, 3] : [1 - tolerance, 1 + tolerance];
  const kind = ratio > high + EPSILON ? "too-high" : ratio < low - EPSILON ? "too-low" : "correct";
  return { kind, given, expected: want, ratio };
}

const DAY_SECONDS = 86_400;
/** Eval-set unit names ("per-day", "bytes-per-second") → dimension, size of one unit, period. */
const NAMED_UNITS: Record<string, readonly [Dimension, number, number?]> = {
  count: ["count", 1], "per-second": ["rate", 1, 1], "per-day": ["rate", 1 / DAY_SECONDS, DAY_SECONDS],
  "per-month": ["rate", 1 / (30 * DAY_SECONDS), 30 * DAY_SECONDS], "per-year": ["rate", 1 / (365 * DAY_SECONDS), 365 * DAY_SECONDS],
  bytes: ["bytes", 1], "bytes-per-second": ["byte-rate", 1, 1], "bytes-per-day": ["byte-rate", 1 / DAY_SECONDS, DAY_SECONDS],
  "bytes-per-month": ["byte-rate", 1 / (30 * DAY_SECONDS), 30 * DAY_SECONDS],
  "bytes-per-year": ["byte-rate", 1 / (365 * DAY_SECONDS), 365 * DAY_SECONDS], "bits-per-second": ["byte-rate", 1 / 8, 1],
  seconds: ["duration", 1], percent: ["percent", 1], dollars: ["dollars", 1], rupees: ["rupees", 1],
};

/**
 * The expected reading of `value` in `unit`: a named unit ("bytes-per-day") or an ordinary
 * spelling ("GB/day", "/s", "B"). `value` is in that unit. Undefined when the unit is unknown.
 */
export function readingOf(value: number, unit: string): Reading | undefined {
  const named = NAMED_UNITS[unit.trim().toLowerCase()];
  if (named) {
    const [dimension, factor, period] = named;
    return { quantity: { value: value * factor, dimension }, unitFactor: factor, bare: false, ...(period ? { period } : {}) };
  }
  const r = read(`1 ${unit.trim()}`);
  if (typeof r === "string" || r.bare) return undefined;
  return { ...r, quantity: { ...r.quantity, value: value * r.quantity.value } };
}
