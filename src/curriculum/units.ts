/**
 * The words and symbols `quantity.ts` understands, and what each is worth in base units
 * (1, per second, bytes, bytes per second, seconds, percent). Months are 30 days and years 365
 * days, the conventions the estimation drills use; byte prefixes are decimal (1 KB = 1,000 B)
 * unless written with an `i` (1 KiB = 1,024 B).
 */
export type Dimension = "count" | "rate" | "bytes" | "byte-rate" | "duration" | "percent" | "dollars" | "rupees";

/** A unit read from the text: the dimension it gives and its size in base units. */
export interface UnitMatch { dimension: Dimension; factor: number; length: number }

const DAY = 86_400;

/** Seconds in each period word that can follow "/" or "per" (and stand alone as a duration). */
export const PERIODS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(ns|nanos?|nanoseconds?)(?![a-z])/i, 1e-9],
  [/^(µs|us|micros?|microseconds?)(?![a-z])/i, 1e-6],
  [/^(ms|millis?|milliseconds?)(?![a-z])/i, 1e-3],
  [/^(s|secs?|seconds?)(?![a-z])/i, 1],
  [/^(mins?|minutes?)(?![a-z])/i, 60],
  [/^(h|hrs?|hours?)(?![a-z])/i, 3_600],
  [/^(d|days?)(?![a-z])/i, DAY],
  [/^(w|wks?|weeks?)(?![a-z])/i, 7 * DAY],
  [/^(mos?|months?)(?![a-z])/i, 30 * DAY],
  [/^(y|yrs?|years?)(?![a-z])/i, 365 * DAY],
];

/** "daily", "hourly"… written after a quantity instead of "per day". */
export const ADVERB_PERIODS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^hourly(?![a-z])/i, 3_600],
  [/^daily(?![a-z])/i, DAY],
  [/^weekly(?![a-z])/i, 7 * DAY],
  [/^monthly(?![a-z])/i, 30 * DAY],
  [/^(yearly|annually)(?![a-z])/i, 365 * DAY],
];

/**
 * Multipliers written after the number. A letter counts only when no letter follows it, so
 * `40TB` is terabytes (not 40 trillion bytes) and `3 min` is minutes; a lone `m`/`M` is million.
 */
export const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(k|thousand)(?![a-z])/i, 1e3],
  [/^(lakhs?|lacs?)(?![a-z])/i, 1e5],
  [/^(m|mn|mil|mio|millions?)(?![a-z])/i, 1e6],
  [/^(crores?|cr)(?![a-z])/i, 1e7],
  [/^(bn|billions?)(?![a-z])/i, 1e9],
  [/^(t|tn|trillions?)(?![a-z])/i, 1e12],
];

const DECIMAL: Record<string, number> = { "": 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 };
const BINARY: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };
const PREFIX_WORDS: Record<string, string> = { kilo: "k", mega: "m", giga: "g", tera: "t", peta: "p", exa: "e" };

function prefixFactor(prefix: string, binary: boolean): number | undefined {
  const p = prefix.toLowerCase();
  return binary ? BINARY[p] : DECIMAL[p];
}

/** `10 Gbps`, `MB/s` written as `MBps`: data rates in one token. */
function readByteRate(s: string): UnitMatch | undefined {
  const m = /^([kmgtpe]?)(i?)(bps|Bps)(?![a-z])/i.exec(s);
  if (!m) return undefined;
  const f = prefixFactor(m[1] ?? "", m[2] === "i");
  if (f === undefined) return undefined;
  // "Bps" with a capital B is bytes per second; every other spelling ("Mbps", "mbps") is bits.
  const bits = m[3] !== "Bps";
  return { dimension: "byte-rate", factor: bits ? f / 8 : f, length: m[0].length };
}

/**
 * Sizes: `B`, `KB`, `MiB`, `megabytes`, `Gb`, `Mbit`. A small `b` after a capital prefix (`Gb`,
 * `Mb`) is bits, the way links are rated; `gb`, `kb` and `kB` are bytes, the way people type them.
 */
function readBytes(s: string): UnitMatch | undefined {
  const word = /^(kilo|mega|giga|tera|peta|exa)?(bytes?|bits?)(?![a-z])/i.exec(s);
  if (word) {
    const f = prefixFactor(PREFIX_WORDS[(word[1] ?? "").toLowerCase()] ?? "", false) ?? 1;
    const bits = /^bit/i.test(word[2] ?? "");
    return { dimension: "bytes", factor: bits ? f / 8 : f, length: word[0].length };
  }
  const sym = /^([kKmMgGtTpPeE]?)(i?)(bits?|b|B)(?![a-zA-Z])/.exec(s);
  if (!sym) return undefined;
  const [all, prefix = "", i = "", b = ""] = sym;
  const f = prefixFactor(prefix, i === "i");
  if (f === undefined) return undefined;
  const bits = b.startsWith("bit") || (b === "b" && /^[A-Z]$/.test(prefix));
  return { dimension: "bytes", factor: bits ? f / 8 : f, length: all.length };
}

const COUNT_NOUNS = new RegExp(
  "^(requests?|reqs?|queries|query|calls?|messages?|msgs?|events?|writes?|reads?|redirects?|clicks?|"
  + "urls?|links?|short ?codes?|codes?|ids?|keys?|users?|servers?|machines?|instances?|nodes?|hosts?|"
  + "boxes|pods?|workers?|connections?|conns?|threads?|shards?|partitions?|brokers?|replicas?|streams?|transactions?|txns?|"
  + "page ?views?|views?|notifications?|posts?|tweets?|photos?|images?|uploads?|items?|records?|rows?|"
  + "(data )?points?|samples?|readings?|bids?|orders?|bookings?|tickets?|attempts?|hits?|ops|"
  + "operations?|titles?|videos?|files?|objects?|payments?|concurrent|in[- ]flight)(?![a-z])",
  "i",
);

/** The unit after the number (and its multiplier), or undefined when nothing known is there. */
export function readUnit(s: string): UnitMatch | undefined {
  const simple: ReadonlyArray<readonly [RegExp, Dimension, number]> = [
    [/^(%|percent|pct)(?![a-z])/i, "percent", 1],
    [/^(dollars?|usd|\$)(?![a-z])/i, "dollars", 1],
    [/^(rupees?|rs|inr|₹)(?![a-z])/i, "rupees", 1],
    [/^(x|×|times)(?![a-z])/i, "count", 1],
    [/^(qps|rps|tps|hz)(?![a-z])/i, "rate", 1],
    [COUNT_NOUNS, "count", 1],
  ];
  for (const [re, dimension, factor] of simple) {
    const m = re.exec(s);
    if (m) return { dimension, factor, length: m[0].length };
  }
  const rate = readByteRate(s) ?? readBytes(s);
  if (rate) return rate;
  for (const [re, seconds] of PERIODS) {
    const m = re.exec(s);
    if (m) return { dimension: "duration", factor: seconds, length: m[0].length };
  }
  return undefined;
}

/** A currency written before the number ("$120", "₹500", "Rs 500"), as the unit it stands for. */
export const CURRENCY_PREFIX = /^(\$|us\$|₹|rs\.?|inr)\s*(?=[\d.])/i;
