/**
 * The language of "it has arrived": whether a sentence of a later report says that something
 * awaited was delivered ("IA report received June 18", "The framework was implemented in May
 * 2018", "All outstanding DBS checks have now been received"), or is itself still waiting
 * ("IA report now due end Sept 18", "to be presented", "underway"). Read from the words only,
 * never from what the report is about. Pure.
 */
import { isAwaiting, isProspective, words } from "./text.js";

/** How strongly a cue says "done": completion words, or lighter ones (a decision, a meeting). */
export type CueStrength = "completion" | "light";

export interface DeliveryCue {
  /** The cue as printed ("received", "has been undertaken", "now in place"). */
  text: string;
  strength: CueStrength;
}

/** Words that say a thing is finished or has arrived. */
const COMPLETION_WORDS = [
  "received", "published", "completed", "complete", "implemented", "delivered", "undertaken", "carried out", "signed off", "signed-off",
  "finalised", "finalized", "concluded", "achieved", "done", "closed", "issued", "submitted", "launched", "adopted", "conducted",
  "obtained", "cleared", "returned", "produced", "rolled out", "embedded", "in place", "in use", "now used", "now live", "went live",
];

/** Words that say something happened that usually settles a pending item, less surely. */
const LIGHT_WORDS = ["approved", "agreed", "presented", "reported", "reviewed", "held", "provided", "updated", "ratified", "endorsed", "accepted"];

/**
 * Participles that say something happened without it being delivered: a delay, a start, a
 * request. "was commenced" or "has been postponed" is no delivery.
 */
const NOT_DELIVERY = new Set([
  "delayed", "postponed", "deferred", "extended", "requested", "commissioned", "cancelled", "canceled", "rescheduled", "paused",
  "suspended", "started", "commenced", "initiated", "begun", "planned", "scheduled", "proposed", "identified", "asked", "raised",
  "escalated", "expected", "anticipated", "delegated", "allocated", "drafted", "revised", "amended", "moved", "set", "put", "based",
  "made", "given", "noted", "recognised", "recognized", "considered", "discussed", "developed", "established", "created", "piloted",
  "seen", "taken", "shown", "known", "become", "grown", "fallen", "risen", "gone", "needed", "required", "increased", "decreased",
  "reduced", "improved", "continued", "focussed", "focused", "used", "seen",
]);

/** Words just before a cue that turn it into a plan or a negation ("to be completed", "not yet received"). */
const UNDOING = new Set(["to", "will", "would", "should", "must", "shall", "be", "being", "not", "yet", "need", "needs", "awaiting", "expected", "planned", "never", "cannot", "can't", "unless", "until", "once", "when", "if"]);

/** A cue in the present tense that describes a routine, not an event ("the policy is reviewed on a 3 year basis"). */
const HABITUAL_AFTER = /^\s*(?:on an?\s+(?:\S+\s+){0,3}basis|annually|biennially|every\b|each\b|regularly|routinely|periodically|quarterly|monthly|yearly)/i;

/** Still waiting, in any of the ways reports say it. */
const WAITING_EXTRA: readonly RegExp[] = [
  /\bdue\b(?!\s+to\b)/i,
  /\bunder\s*way\b/i,
  /\bin (?:progress|hand|train|development|draft)\b/i,
  /\bongoing\b/i,
  /\b(?:is|are|was|were) being\b/i,
  /\bto (?:commence|start|begin|follow|come|take place)\b/i,
  /\bnot (?:yet|been|complete|completed|received|started|finished|done|in place)\b/i,
  /\b(?:delayed|postponed|deferred|rescheduled|expected|anticipated)\b/i,
  /\bawait\w*\b/i,
  /\bstill (?:waiting|to|not|outstanding|pending|being)\b/i,
];

/** The waiting words a sentence prints, if any ("due end Sept 18", "to be presented"). */
export function waitingCue(sentence: string): string | null {
  for (const re of WAITING_EXTRA) {
    const m = re.exec(sentence);
    if (m) return phraseAround(sentence, m.index, m.index + m[0].length);
  }
  if (isAwaiting(sentence) || isProspective(sentence)) {
    const m = /\b(?:planned|to be|will(?: be)?|scheduled|proposed|intends?|aims? to|pending|tb[cd]|next)\b|\?+/i.exec(sentence);
    return m ? phraseAround(sentence, m.index, m.index + m[0].length) : "waiting language";
  }
  // "3 checks outstanding" waits; "all outstanding checks have now been received" does not.
  const outstanding = /\boutstanding\b/i.exec(sentence);
  if (outstanding && !deliveryCue(sentence)) return phraseAround(sentence, outstanding.index, outstanding.index + outstanding[0].length);
  return null;
}

/** The cue word with a few words of context after it, for the note ("due end Sept 18"). */
function phraseAround(text: string, start: number, end: number): string {
  const after = /^(?:\s+[^\s.;,]+){0,3}/.exec(text.slice(end))?.[0] ?? "";
  return (text.slice(start, end) + after).replace(/\s+/g, " ").trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[ -]/g, "[\\s-]+");
}

const CUE_RE = new RegExp(`\\b(${[...COMPLETION_WORDS, ...LIGHT_WORDS].map(escape).join("|")})\\b`, "gi");
/**
 * Perfect or past passive: "has been signed off", "have now been returned", "was presented",
 * "were checked", "had been agreed". Not "had" + participle: "staff had enhanced DBS checks"
 * is a possession, not an event.
 */
const PASSIVE_RE =
  /\b(?:(?:has|have|was|were)\s+(?:(?:now|also|already|since|all|successfully|fully)\s+)*(?:been\s+)?|had\s+(?:(?:now|also|already|all|successfully|fully)\s+)*been\s+)([a-z]{3,}(?:ed|en|wn|ne)|sent|met|built|kept|held|done|run|won)\b/gi;

/**
 * The strongest delivery cue of a sentence, or null. A cue preceded by "to", "will", "not"…
 * is a plan or a negation; one followed by "on a … basis", "annually" is a routine.
 */
export function deliveryCue(sentence: string): DeliveryCue | null {
  let best: DeliveryCue | null = null;
  const consider = (text: string, start: number, end: number, strength: CueStrength) => {
    const before = words(sentence.slice(Math.max(0, start - 40), start)).slice(-2);
    if (before.some((w) => UNDOING.has(w))) return;
    if (HABITUAL_AFTER.test(sentence.slice(end)) && /\b(?:is|are)\s+(?:\w+\s+)?$/i.test(sentence.slice(0, start))) return;
    if (/\b(?:is|are)\s+$/i.test(sentence.slice(0, start)) && strength === "light") return; // "is reviewed", "are held": routine
    if (!best || (best.strength === "light" && strength === "completion")) best = { text: text.replace(/\s+/g, " ").trim(), strength };
  };
  for (const m of sentence.matchAll(CUE_RE)) {
    const word = (m[1] ?? "").toLowerCase().replace(/[\s-]+/g, " ");
    const strength: CueStrength = LIGHT_WORDS.includes(word) ? "light" : "completion";
    consider(m[0], m.index ?? 0, (m.index ?? 0) + m[0].length, strength);
  }
  for (const m of sentence.matchAll(PASSIVE_RE)) {
    const participle = (m[1] ?? "").toLowerCase();
    if (NOT_DELIVERY.has(participle) || participle === "been") continue;
    const strength: CueStrength = COMPLETION_WORDS.includes(participle) ? "completion" : "light";
    consider(m[0], m.index ?? 0, (m.index ?? 0) + m[0].length, strength);
  }
  return best;
}

/** Sentences of a passage (a long paragraph names many things; each sentence is judged on its own). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?;])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Acronyms a gap prints ("DBS", "IA", "MARAC"), as stemmed terms: each names one specific
 * thing, so a statement naming it names the awaited thing even with no other word in common.
 * A run of capitals ("FIGURES STILL WAITING") is shouting, not acronyms.
 */
export function acronymTerms(text: string, stemTerm: (w: string) => string): Set<string> {
  const out = new Set<string>();
  const tokens = [...text.matchAll(/[A-Za-z][A-Za-z'’]*/g)].map((m) => m[0]);
  const isCaps = (t: string | undefined) => t !== undefined && t.length >= 2 && /^[A-Z]+s?$/.test(t);
  tokens.forEach((t, i) => {
    if (!/^[A-Z]{2,5}s?$/.test(t)) return;
    if (isCaps(tokens[i - 1]) || isCaps(tokens[i + 1])) return;
    out.add(stemTerm(t.toLowerCase()));
  });
  return out;
}

/**
 * An editor's question to the text ("(From old report not sure if there is a newer
 * example?)"): a single question mark with words, not a run standing in for a figure.
 */
export function isEditorsQuery(gap: { kind: string; marker: string }): boolean {
  return gap.kind === "unresolved-query" && /(?<!\?)\?(?!\?)/.test(gap.marker) && !/\?{2,}/.test(gap.marker);
}
