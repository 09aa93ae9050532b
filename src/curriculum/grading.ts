/**
 * Grading of quiz answers: multiple choice by option, free text by the claims it makes.
 *
 * Free text (issue 17): the answer is read clause by clause through the lexicon (claims.ts); a
 * key point is credited when one clause, or one sentence, says enough of what the key point's
 * plain-English sentence says, with the same polarity, and nothing in it says the opposite. A
 * stated misconception is named with its why and blocks the key points it contradicts; a list
 * of terms with no sentence around them scores at most 0.2.
 */
import type { Curriculum } from "./loader.js";
import { readClauses, sentences, type Clause } from "./claims.js";
import { claimModel, matchClaim, said, type ClaimModel, type Match } from "./claim-match.js";
import { defaultLexicon, type CompiledLexicon } from "./lexicon.js";
import type { McqQuestion } from "./schema.js";
import { backgroundWeigher } from "./weights.js";

/** What the grader needs of a free question: the bank's, an admin's, or an eval case's. */
export interface GradableQuestion {
  readonly prompt: string;
  readonly keyPoints: ReadonlyArray<{ readonly point: string; readonly phrasings?: readonly string[] }>;
  readonly misconceptions: ReadonlyArray<{
    readonly claim?: string | undefined;
    readonly why: string;
    readonly contradicts?: readonly number[];
    readonly phrasings?: readonly string[];
  }>;
}

/** A covered key point and the member's words that earned it. */
export interface Evidence { readonly point: string; readonly quote: string }
/** A misconception the answer stated: its claim (or why), why it is wrong, and the member's words. */
export interface StatedMisconception { readonly claim: string; readonly why: string; readonly quote: string }

export interface FreeGrade {
  /** 0..1: the share of key points covered (at most 0.2 for a list of terms). */
  readonly score: number;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  /** The "why" of each misconception the answer stated. */
  readonly misconceptions: readonly string[];
  readonly evidence: readonly Evidence[];
  /** Missed points the answer said part of (half credit), with the words that came closest. */
  readonly partlyCovered: readonly Evidence[];
  readonly stated: readonly StatedMisconception[];
  /** True when the answer is a list of terms with no claims between them. */
  readonly isTermList: boolean;
}

/** The grading port: the offline grader below today; a model-backed one (issue 20) later. */
export interface Grader {
  gradeFree(question: GradableQuestion, answer: string): FreeGrade;
}

/** The cap on a list of terms, whatever terms it has. */
export const TERM_LIST_CAP = 0.2;

/** The grader's thresholds, tuned on the dev half of the eval set (src/curriculum/eval/grader-dev.json). */
export interface Tuning {
  /** Share of a key point's weight a stretch of the answer must say to earn it (with two groups)… */
  readonly coverage: number;
  /** …or this share, when three or more of its groups are said. */
  readonly longCoverage: number;
  /** A misconception's claim must be said more fully: naming its subject is not stating it. */
  readonly misconception: number;
  /** How many neighbouring sentences one claim may span (chat answers run a claim over two). */
  readonly span: number;
  /** A point said to this fraction of the thresholds earns half. */
  readonly partly: number;
  /** Groups of a point that must be said (fewer when the point has fewer). */
  readonly minGroups: number;
  /**
   * What a plain word weighs beside a lexicon concept: the lexicon holds the technical terms, so a
   * key point's other words ("matters", "within", "answered") are mostly the author's phrasing.
   */
  readonly wordWeight: number;
  /** A window credits a point only while what it says the other way round weighs under this share of what matches. */
  readonly flipTolerance: number;
  /** A clause or sentence that flips part of a point and touches this share of it contradicts the point. */
  readonly contradictionReach: number;
  /**
   * A sentence states a misconception only when it says the misconception's claim more fully, by
   * this share, than any key point the misconception contradicts: a right answer names the same
   * things as the wrong claim (Kafka, consumer groups, read) and differs in what it says of them.
   */
  readonly misconceptionMargin: number;
  /**
   * A window says a wrong claim instead of the point when it says this share of the wrong claim
   * (and no less of it than of the point)…
   */
  readonly attribution: number;
  /** …and this share of what sets the wrong claim apart from the point. */
  readonly attributionDistinct: number;
}
export const TUNING: Tuning = { coverage: 0.45, longCoverage: 0.3, misconception: 0.8, span: 2, partly: 0.6, minGroups: 1, wordWeight: 1, flipTolerance: 0.34, contradictionReach: 0.45, misconceptionMargin: 0.1, attribution: 0.5, attributionDistinct: 0.3 };

interface WrongClaim { readonly model: ClaimModel; readonly end: string }
interface Window { readonly clauses: readonly Clause[]; readonly quote: string; readonly said: ReturnType<typeof said> }

const clauseIsList = (c: Clause) => c.wordCount >= 4 && c.functionWords === 0;

/** An answer is a list of terms when almost none of its words are the words that make sentences. */
export function isTermList(clauses: readonly Clause[]): boolean {
  const total = clauses.reduce((s, c) => s + c.wordCount, 0);
  const fn = clauses.reduce((s, c) => s + c.functionWords, 0);
  return total >= 3 && fn / total < 0.17;
}

/** Each clause, each sentence, and each run of up to `span` neighbouring sentences: smallest first, for the quote. */
function windowsOf(answer: string, clauses: readonly Clause[], span: number): Window[] {
  const texts = sentences(answer);
  const out: Window[] = clauses.map((c) => ({ clauses: [c], quote: c.text, said: said(c.units) }));
  const numbers = [...new Set(clauses.map((c) => c.sentence))];
  for (let size = 1; size <= span; size++) {
    for (let i = 0; i + size <= numbers.length; i++) {
      const picked = new Set(numbers.slice(i, i + size));
      const cs = clauses.filter((c) => picked.has(c.sentence));
      if (cs.length < 2) continue;
      const quote = [...picked].map((n) => texts[n] ?? "").filter(Boolean).join(". ");
      out.push({ clauses: cs, quote, said: said(cs.flatMap((c) => c.units)) });
    }
  }
  return out;
}

/**
 * What a window says of `head`, when `head` has siblings in the lexicon: in each clause, the units
 * after a sibling's name are said of the sibling ("the SLA is the internal target" says nothing of
 * the SLO), so they are left out; units before any sibling, or after `head` itself, stay.
 */
function saidOf(w: Window, head: string | undefined, lex: CompiledLexicon): Window["said"] {
  const kin = head ? lex.siblings.get(head.slice(2)) : undefined;
  if (!kin) return w.said;
  const units = w.clauses.flatMap((c) => {
    let about: string | undefined;
    return c.units.filter((u) => {
      if (u.id === head || kin.has(u.id.slice(2))) about = u.id;
      return about === undefined || about === head;
    });
  });
  return said(units);
}

/**
 * Enough of the point is said, and what is said the other way round is small beside it. Long
 * points (many groups) are paraphrased in part, so three distinctive groups also do.
 */
const credits = (m: Match, groups: number, t: Tuning) =>
  m.flipped < t.flipTolerance * m.matched && m.matchedGroups >= Math.min(t.minGroups, groups)
  && (m.matched >= t.coverage * m.total || (m.matchedGroups >= 3 && m.matched >= t.longCoverage * m.total));

/** A clause says the opposite: it touches enough of the point, and an odd number of its parts flip. */
const contradicts = (m: Match, t: Tuning) =>
  m.flippedGroups % 2 === 1 && m.matched + m.flipped >= t.contradictionReach * m.total && m.flipped >= 0.25 * m.total;

function phrasingCredits(phrasing: ClaimModel, w: Window, lex: CompiledLexicon): boolean {
  const m = matchClaim(phrasing, w.said, lex);
  return phrasing.groups.length >= 2 && m.flipped === 0 && m.matchedGroups === phrasing.groups.filter((g) => !g.optional).length;
}

/**
 * What a wrong claim says beyond the key points it contradicts: "the new replica is ready to
 * serve" shares the snapshot and the new node with the right answer; only "ready to serve" is
 * the mistake, and a sentence must say that part to state it.
 */
function distinctive(m: ClaimModel, rivals: readonly ClaimModel[]): ClaimModel {
  const shared = new Set(rivals.flatMap((p) => p.groups.flatMap((g) => [...g.alts])));
  const groups = m.groups.filter((g) => !g.optional && ![...g.alts].some((a) => shared.has(a)));
  return groups.length === 0 ? m : { groups, total: groups.reduce((s, g) => s + g.weight, 0) };
}

const requiredCount = (m: ClaimModel) => m.groups.filter((g) => !g.optional).length;
/** A claim without its examples: what must be said of it. */
const required = (m: ClaimModel): ClaimModel => ({ groups: m.groups.filter((g) => !g.optional), total: m.total });

const trimQuote = (q: string) => (q.length > 200 ? `${q.slice(0, 197)}…` : q);

/** `keyPoints`: the bank's key-point sentences the word weights are drawn from; unset, read from the content files. */
export function createOfflineGrader(lex: CompiledLexicon = defaultLexicon(), t: Tuning = TUNING, keyPoints?: readonly string[]): Grader {
  const background = backgroundWeigher(lex, keyPoints);
  const weigh = (id: string) => background(id) * (id.startsWith("w:") ? t.wordWeight : 1);
  return {
    gradeFree(question, answer) {
      const discount = new Set(readClauses(question.prompt, lex).flatMap((c) => c.units.map((u) => u.id)));
      const model = (s: string) => claimModel(s, lex, weigh, discount);
      const wrongClaim = (claim: string): WrongClaim => {
        const units = readClauses(claim, lex).flatMap((c) => c.units);
        return { model: required(model(claim)), end: units[units.length - 1]?.id ?? "" };
      };
      const clauses = readClauses(answer, lex);
      const termList = isTermList(clauses);

      // Misconceptions first: a clause that states one earns nothing, and blocks what it contradicts.
      const stated: StatedMisconception[] = [];
      const blocked = new Set<number>();
      const spoiled = new Set<Clause>();
      const all = windowsOf(answer, clauses, t.span);
      const points = question.keyPoints.map((kp) => model(kp.point));
      const share = (m: ClaimModel, w: Window) => {
        const r = matchClaim(m, w.said, lex);
        return r.total > 0 ? r.matched / r.total : 0;
      };
      // A wrong claim's predicate is its polar part ("slower", "never", "always"): when it has one, it must be said.
      const saysPredicate = (m: ClaimModel, w: Window) => {
        const polar = m.groups.filter((g) => !g.optional && (g.neg || [...g.alts].some((a) => (lex.opposites.get(a.slice(2))?.size ?? 0) > 0)));
        return polar.length === 0 || matchClaim({ groups: polar, total: polar.reduce((x, g) => x + g.weight, 0) }, w.said, lex).matchedGroups > 0;
      };
      question.misconceptions.forEach((mis) => {
        // The key points it contradicts; when the question does not say (an eval case), all of them.
        const rivals = mis.contradicts ? mis.contradicts.flatMap((i) => points[i] ?? []) : points;
        const models = [...(mis.claim ? [model(mis.claim)] : []), ...(mis.phrasings ?? []).map(model)];
        // A claim is stated within one sentence ("the server keeps the session, so …" is one claim).
        const hit = all.find((w) => new Set(w.clauses.map((c) => c.sentence)).size === 1 && !w.clauses.some(clauseIsList) && models.some((m, i) => {
          // An author's phrasing is a hint: it stands unless the same words earn a point it contradicts.
          if (i > 0 || !mis.claim) return phrasingCredits(m, w, lex) && !rivals.some((p) => credits(matchClaim(p, w.said, lex), requiredCount(p), t));
          const r = matchClaim(m, w.said, lex);
          return r.flipped === 0 && r.matched >= t.misconception * r.total && r.matchedGroups >= Math.min(2, m.groups.length)
            && r.matched / r.total >= Math.max(0, ...rivals.map((p) => share(p, w))) + t.misconceptionMargin
            && share(distinctive(m, rivals), w) >= t.misconception && saysPredicate(m, w);
        }));
        if (!hit) return;
        stated.push({ claim: mis.claim ?? mis.why, why: mis.why, quote: trimQuote(hit.quote) });
        hit.clauses.forEach((c) => spoiled.add(c));
        (mis.contradicts ?? []).forEach((i) => blocked.add(i));
      });

      const usable = all.filter((w) => w.clauses.every((c) => !spoiled.has(c) && !clauseIsList(c)));
      const covered: string[] = [];
      const missed: string[] = [];
      const evidence: Evidence[] = [];
      const partial: Evidence[] = [];
      const partly: Tuning = { ...t, coverage: t.coverage * t.partly, longCoverage: t.longCoverage * t.partly };
      // A window is read as the claim it says most fully: when it says one of the question's wrong
      // claims at least as fully as the point, with the claim's end and what sets it apart from the
      // point, it is about the wrong claim and earns nothing of the point ("when a node joins, all
      // keys get rehashed" is the rehash-everything claim, not the point about a joining node).
      const wrongClaims = question.misconceptions.flatMap((mis) => (mis.claim ? [wrongClaim(mis.claim)] : []));
      // English puts what a claim says of its subject last ("every change … needs a new API
      // version"): a window that leaves that out has not said the claim, only named its subject.
      const saysEnd = (wc: WrongClaim, w: Window) => {
        const end = wc.model.groups.find((g) => g.alts.has(wc.end)) ?? wc.model.groups[wc.model.groups.length - 1];
        return !end || matchClaim({ groups: [end], total: end.weight }, w.said, lex).matched > 0;
      };
      const aboutWrongClaim = (m: ClaimModel, w: Window) => {
        const mine = share(required(m), w);
        return wrongClaims.some((wc) => {
          const s = share(wc.model, w);
          return s >= t.attribution && s >= mine && saysEnd(wc, w) && share(required(distinctive(wc.model, [m])), w) >= t.attributionDistinct;
        });
      };
      question.keyPoints.forEach((kp, index) => {
        const m = points[index]!;
        const hints = (kp.phrasings ?? []).map(model);
        const contradicted = blocked.has(index)
          || usable.some((w) => w.clauses.length === 1 && contradicts(matchClaim(m, w.said, lex), t));
        // The point's subject: its first concept, when the lexicon knows concepts taken for it.
        const head = m.groups.find((g) => !g.optional && [...g.alts].some((a) => a.startsWith("c:")))?.alts;
        const headId = head ? [...head].find((a) => lex.siblings.has(a.slice(2))) : undefined;
        const win = contradicted ? undefined : usable.find((w) => !aboutWrongClaim(m, w) && (
          credits(matchClaim(m, saidOf(w, headId, lex), lex), m.groups.filter((g) => !g.optional).length, t) || hints.some((h) => phrasingCredits(h, w, lex))));
        if (win) {
          covered.push(kp.point);
          evidence.push({ point: kp.point, quote: trimQuote(win.quote) });
        } else {
          missed.push(kp.point);
          const near = contradicted ? undefined : usable.find((w) => !aboutWrongClaim(m, w) && credits(matchClaim(m, saidOf(w, headId, lex), lex), m.groups.filter((g) => !g.optional).length, partly));
          if (near) partial.push({ point: kp.point, quote: trimQuote(near.quote) });
        }
      });

      // A point half said earns half: a paraphrase that names part of the claim is not nothing.
      const raw = question.keyPoints.length ? (covered.length + 0.5 * partial.length) / question.keyPoints.length : 0;
      const score = termList ? Math.min(raw, TERM_LIST_CAP) : raw;
      return {
        score: Math.round(score * 100) / 100, covered, missed, partlyCovered: partial,
        misconceptions: stated.map((s) => s.why), evidence, stated, isTermList: termList,
      };
    },
  };
}

let offline: Grader | undefined;

/**
 * Builds the offline grader now (lexicon and word weights: about a second of CPU) so the first
 * answer does not stall the event loop; the composition root calls it before the platforms connect,
 * with the curriculum it loaded, so the word weights come from those key points rather than from
 * parsing every topic file a second time.
 */
export function warmGrader(curriculum: Pick<Curriculum, "topics">): void {
  offline ??= createOfflineGrader(defaultLexicon(), TUNING,
    curriculum.topics.flatMap((t) => t.questions.flatMap((q) => (q.format === "free" ? q.keyPoints.map((k) => k.point) : []))));
}

/** Grades with the bot's own lexicon; the entry point the quiz, review and round services call. */
export function gradeFree(question: GradableQuestion, answer: string): FreeGrade {
  offline ??= createOfflineGrader();
  return offline.gradeFree(question, answer);
}

export interface ChoiceGrade {
  readonly correct: boolean;
  readonly chosen: number;
  readonly correctIndex: number;
  /** Why the chosen option is wrong, when it is. */
  readonly why?: string;
}

export function gradeChoice(question: McqQuestion, chosen: number): ChoiceGrade {
  const correctIndex = question.options.findIndex((o) => o.correct);
  const option = question.options[chosen];
  const correct = chosen === correctIndex;
  return { correct, chosen, correctIndex, ...(option && !correct && option.why ? { why: option.why } : {}) };
}
