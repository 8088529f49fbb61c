/**
 * Which report family a Layout is (by its wording and structure, never its file name), and
 * the title and authority the document states.
 */
import type { Layout, Place } from "../layout/types.js";
import { pieceMatchTexts, piecesOf, type Piece } from "./pieces.js";
import { shippedFamilies } from "./family-file.js";
import { UNKNOWN_PROFILE, type ReportProfile } from "./profiles.js";
import { allMatches, normForMatch, normSpace, stripMarkup, wordCount } from "./text-utils.js";

/** Sum of the weights of a profile's cues found in the text. */
export function cueScore(profile: ReportProfile, text: string): number {
  return profile.cues.reduce((sum, cue) => sum + (cue.pattern.test(text) ? cue.weight : 0), 0);
}

/** Pick the report family from structure and wording: the family whose cues weigh most, at its minScore or more. */
export function classify(layout: Layout, families: readonly ReportProfile[] = shippedFamilies()): ReportProfile {
  const text = documentMatchText(layout);
  let best: ReportProfile = UNKNOWN_PROFILE;
  let bestScore = 0;
  for (const profile of families) {
    const s = cueScore(profile, text);
    if (s >= profile.minScore && s > bestScore) {
      best = profile;
      bestScore = s;
    }
  }
  return best;
}

/** Characters of the only markup patterns (tags, line marks) that can reach across a line break. */
const CROSS_LINE_MARKUP = /[<#>]/;

/**
 * normForMatch of all the document's pieces joined by line breaks. Without tags or line
 * marks every normalising step stays inside a piece, so this is the pieces' own match texts
 * (which the other extractors share) joined by single spaces, empty ones dropped as
 * normSpace collapses them.
 */
function documentMatchText(layout: Layout): string {
  const pieces = piecesOf(layout);
  if (pieces.some((p) => CROSS_LINE_MARKUP.test(p.text))) return normForMatch(pieces.map((p) => p.text).join("\n"));
  return pieceMatchTexts(layout).filter(Boolean).join(" ");
}

/** A readers' metadata title that is only the authoring tool's file name. */
const TOOL_TITLE = /^(microsoft\s+word\s*-|untitled|document\d*$)|\.(docx?|pdf|rtf)$/i;

/**
 * The document's own title: the title of its title block (see titleBlock), else a level-1 heading at the very start, else the first short line
 * of text (text extractions mark no headings), else the first heading; a metadata title
 * only when the text has none.
 */
export function documentTitle(layout: Layout): { text: string; place: Place | null } | null {
  const block = titleBlock(layout);
  if (block?.title) return block.title;
  // A name line with no title under it is not the title either.
  const pieces = firstTextPieces(layout, 40).filter((p) => authorityLine(p.text) === null);
  const top = pieces.slice(0, 5).find((p) => p.kind === "heading" && p.level === 1);
  if (top) return { text: blockText(layout, top.ref.page, top.ref.index), place: top.place };
  const first = pieces[0];
  if (first && wordCount(first.text) <= 25) {
    const text = first.kind === "heading" ? blockText(layout, first.ref.page, first.ref.index) : normSpace(stripMarkup(first.text));
    return { text, place: first.place };
  }
  const heading = pieces.find((p) => p.kind === "heading");
  if (heading) return { text: blockText(layout, heading.ref.page, heading.ref.index), place: heading.place };
  const meta = layout.meta.title?.trim();
  return meta && !TOOL_TITLE.test(meta) ? { text: normSpace(meta), place: null } : null;
}

/** The first `limit` text pieces with more than three characters (stops reading there). */
function firstTextPieces(layout: Layout, limit: number): Piece[] {
  const out: Piece[] = [];
  for (const p of piecesOf(layout)) {
    if (out.length >= limit) break;
    if (p.kind !== "table" && normSpace(p.text).length > 3) out.push(p);
  }
  return out;
}

function blockText(layout: Layout, page: number, index: number): string {
  const block = layout.pages.find((p) => p.number === page)?.blocks[index];
  return block && block.kind !== "table" ? normSpace(stripMarkup(block.text)) : "";
}

/** 'Monmouthshire County Council', 'Blaenau Gwent County Borough Council', 'Cardiff Council'. */
const AUTHORITY =
  /((?:[A-Z][A-Za-z'\u2019&-]+ ){1,4}?)((?:County Borough|County|City and County|City|Borough|District|Metropolitan Borough) )?Council\b/g;
const NOT_NAME = new Set(["The", "This", "That", "Our", "Of", "And", "For", "By", "A", "An", "Whole", "Full", "At", "In", "To", "Each"]);

function authorityMatches(text: string): string[] {
  const out: string[] = [];
  for (const m of allMatches(AUTHORITY, text)) {
    const words = (m[1] ?? "").trim().split(" ");
    while (words.length && NOT_NAME.has(words[0]!)) words.shift();
    if (!words.length || !m[2]) continue;
    out.push(`${words.join(" ")} ${m[2].trim()} Council`);
  }
  return out;
}

/**
 * A line that is only a council's name, as title blocks print it above the title:
 * 'Glanrafon County Borough Council', 'Cardiff Council', 'Torfaen CBC', 'City and County of
 * Swansea', 'Cyngor Sir Fynwy'. Capitalised words only, so a sentence never reads as one.
 */
const NAME_WORD = String.raw`[A-Z][A-Za-z'’&.-]*`;
const AUTHORITY_LINE = new RegExp(
  String.raw`^(?:(?:the\s+)?(?:City and County of|City of|County Borough of|Royal Borough of)\s+${NAME_WORD}(?:\s+${NAME_WORD}){0,3}(?:\s+Council)?` +
    String.raw`|${NAME_WORD}(?:\s+${NAME_WORD}){0,4}?(?:\s+(?:County Borough|County|City and County|City|Borough|District|Metropolitan Borough))?\s+(?:Council|CBC|CC)` +
    String.raw`|Cyngor(?:\s+(?:${NAME_WORD}|a)){1,5})$`,
);
/** A name line's first word that makes it a reference, not a name ('The Council', 'Our Council'). */
const NOT_NAME_START = /^(the|this|that|our|whole|full|each|every|county|borough|city|district)\s+(council|cc|cbc)$/i;

/** Words a council's name never holds but a title-cased title addressed to a council may ('Annual Report To Council'). */
const NOT_NAME_WORD = /\b(report|review|evaluation|overview|progress|safeguarding|annual|plan|strategy|meeting|minutes|cabinet|scrutiny|committee|to|for|by)\b/i;

function authorityLine(text: string): string | null {
  const line = normSpace(stripMarkup(text)).replace(/[.:]$/, "");
  if (wordCount(line) > 8 || !AUTHORITY_LINE.test(line) || NOT_NAME_START.test(line) || NOT_NAME_WORD.test(line)) return null;
  return line;
}

/**
 * The document's own title block: a council's name on a line of its own (or two: Welsh and
 * English) at the very top, with the title (a heading or a short line) just below. Null when
 * the document does not open that way.
 */
export function titleBlock(layout: Layout): { authority: string; title: { text: string; place: Place | null } | null } | null {
  const pieces = firstTextPieces(layout, 6);
  const names: string[] = [];
  let i = 0;
  for (; i < pieces.length && names.length < 3; i++) {
    const name = authorityLine(pieces[i]!.text);
    if (name === null) break;
    names.push(name);
  }
  if (names.length === 0) return null;
  // Of a bilingual pair, the name that says 'Council' (the one other reports print), else the first.
  const authority = names.find((n) => /\b(Council|CBC|CC)$/.test(n)) ?? names[0]!;
  const next = pieces[i];
  if (!next || (next.kind !== "heading" && wordCount(next.text) > 25)) return { authority, title: null };
  const text = next.kind === "heading" ? blockText(layout, next.ref.page, next.ref.index) : normSpace(stripMarkup(next.text));
  return { authority, title: { text, place: next.place } };
}

/** Title and authority as the document states them: its title block first, else its first title and the council it names most. */
export function describeDocument(layout: Layout): { title: string | null; authority: string | null } {
  const block = titleBlock(layout);
  if (block) return { title: documentTitle(layout)?.text ?? null, authority: block.authority };
  const found = documentTitle(layout);
  let title = found?.text ?? null;
  let authority: string | null = null;
  if (title) {
    // 'Monmouthshire County Council: Strategic Overview Report …' — authority, then title.
    const lead = /^(.+?\bCouncil)\s*[:\u2013\u2014-]\s+(.+)$/.exec(title);
    const named = lead ? authorityMatches(lead[1]!)[0] : undefined;
    if (lead && named) {
      authority = named;
      title = lead[2]!.trim();
    }
  }
  if (!authority) authority = mostFrequentAuthority(layout);
  return { title, authority };
}

/** The authority the text names most often (first mention wins a tie). */
function mostFrequentAuthority(layout: Layout): string | null {
  const counts = new Map<string, number>();
  for (const piece of piecesOf(layout)) {
    // Every name ends in 'Council' (whitespace normalising cannot make one).
    if (!piece.text.includes("Council")) continue;
    for (const name of authorityMatches(normSpace(piece.text))) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, n] of counts) {
    if (n > bestCount) {
      best = name;
      bestCount = n;
    }
  }
  return best;
}
