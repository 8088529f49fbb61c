/**
 * Actions: next steps, further and future actions, development priorities and action-plan
 * standards, one record per action, with the status printed beside it, the RAG rating when
 * the plan has a RAG column, and a due month when the text gives one.
 *
 * Three shapes carry them: a table column headed 'Next steps' / 'Further actions' /
 * 'Future actions' / 'Standard' (DOCX, PDF, markdown tables); a list under a heading such as
 * 'NEXT STEPS:' or 'The key areas requiring development … are:'; and, when a text
 * extraction has flattened an action-plan table, the paragraphs after its header line.
 */
import type { Action, MessageFact } from "../facts/schema.js";
import type { Cell, Layout, TableBlock, TextBlock } from "../layout/types.js";
import { refsOf, type BlockRef, type ExtractContext } from "./context.js";
import { areaOfUnit, hardLineBreaks, isContinuationRow, isOpen, lineItems, mergedRowTexts, placeOf } from "./evidence.js";
import { dueMonth } from "./months.js";
import { logicalLines, sentences, squash, startsWithBullet, stripBullet } from "./sentences.js";
import { countRuns, isWhitespaceCode } from "./text-utils.js";
import { oncePer } from "./memo.js";

type ActionKind = Action["kind"];
/**
 * What a plan's column holds: actions of a kind, their RAG rating, status, lead officer or due
 * date. "plan-action" is a column headed only 'Action(s)': actions only in a plan that also
 * has a lead, due or RAG column (elsewhere 'Action' heads evidence of what was done).
 */
type ColumnRole = ActionKind | "plan-action" | "rag" | "status" | "lead" | "due" | null;
const DETAIL_ROLES = new Set<ColumnRole>(["rag", "status", "lead", "due"]);

/** A column whose cells are actions. */
function isActionRole(role: ColumnRole): role is ActionKind {
  return role !== null && role !== "plan-action" && !DETAIL_ROLES.has(role);
}

/** Column headings and list labels that name a kind of action. */
const KIND_LABELS: [RegExp, ActionKind][] = [
  [/\bnext steps?\b/i, "next-step"],
  [/\bfurther actions?\b/i, "further-action"],
  [/\bfuture actions?\b|\bwhat next\b|\bconsequence of evaluation\b/i, "future-action"],
  [/\bdevelopment priorit|\bpriorities for (?:development|improvement)\b|\bareas? (?:requiring|for) (?:further )?development\b/i, "development-priority"],
  // Other councils' headings over what they will do: 'Planned actions', 'Actions for 2019/20',
  // 'Improvement actions', 'What we will do (next)', 'Actions for the coming year'.
  [/\b(?:planned|improvement|proposed|agreed|key|priority)\s+actions?\b|^actions?\s+(?:for|in)\s+(?:\d{4}|(?:the\s+)?(?:next|coming|year|period|quarter|improvement))|^(?:what|how)\s+(?:we|the council)\s+(?:will|intends? to|plans? to|are going to)\s+(?:do|improve|address)\b|^(?:our\s+)?priorities\s+for\s+(?:\d{4}|the\s+(?:next|coming))/i, "future-action"],
];

export function extractActions(ctx: ExtractContext): { actions: Action[]; messages: MessageFact[] } {
  const actions = [...tableActions(ctx), ...listActions(ctx), ...flattenedPlanActions(ctx), ...markedCompleteActions(ctx)];
  return { actions: dedupe(actions), messages: [] };
}

// ---------------------------------------------------------------------------------------
// Tables

function roleOfHeader(text: string): ColumnRole {
  const t = squash(text);
  if (!t) return null;
  for (const [pattern, kind] of KIND_LABELS) if (pattern.test(t)) return kind;
  if (/^standards?\b/i.test(t)) return "standard";
  if (/^(?:actions?|what we will do|improvement actions?|tasks?)(?:\s+(?:required|needed|planned|to be taken))?$/i.test(t)) return "plan-action";
  if (/\bRAG\b/.test(t)) return "rag";
  if (/^(?:lead(?:\s+officer)?|owner|responsible(?:\s+officer)?|who)$/i.test(t)) return "lead";
  if (/^(?:due(?:\s+date)?|by when|deadline|target date|timescales?|completion date|when)$/i.test(t)) return "due";
  if (/^(?:progress )?status$/i.test(t)) return "status";
  return null;
}

/** A row of column titles: short cells, none a full sentence of evidence. */
function isTitleRow(row: (Cell | null)[]): boolean {
  // Read on the raw cell texts: squashing changes neither their word count nor their last character.
  let titles = 0;
  for (const cell of row) {
    const end = (cell?.text ?? "").trimEnd();
    if (!end.trim()) continue;
    titles++;
    if (wordsUpTo(end, 17) > 16 || ".;".includes(end[end.length - 1]!)) return false;
  }
  return titles > 0;
}

interface TablePlan {
  roles: ColumnRole[];
  /** Rows holding column titles (skipped as content). */
  headerRows: number;
}

/**
 * Column roles of each table. A table that continues the one before it over a page break
 * (same column count, a repeated or blank header) inherits the roles its own header lacks.
 *
 * Computed once per Layout: table actions and status-marked items both read them.
 */
const planTables: (layout: Layout) => Map<TableBlock, TablePlan> = oncePer(readPlans);

function readPlans(layout: Layout): Map<TableBlock, TablePlan> {
  const plans = new Map<TableBlock, TablePlan>();
  let previous: { width: number; plan: TablePlan } | null = null;
  for (const { block } of refsOf(layout)) {
    if (block.kind !== "table") continue;
    const width = block.rows[0]?.length ?? 0;
    // The header is the first of the top rows that names a role (a title row may sit above it).
    const top = block.rows.slice(0, 3).findIndex((row) => isTitleRow(row) && row.some((c) => roleOfHeader(c?.text ?? "")));
    const headerAt = top >= 0 ? top : 0;
    const header = block.rows[headerAt] ?? [];
    const titled = top >= 0 || (block.headerRows ?? 0) > 0 || isTitleRow(header);
    const own = header.map((c) => (titled ? roleOfHeader(c?.text ?? "") : null));
    const inherited = previous && previous.width === width ? previous.plan.roles : [];
    const roles = own.map((r, i) => r ?? (titled && !squash(header[i]?.text ?? "") ? inherited[i] ?? null : null));
    // A continuation whose header names no role at all still carries the earlier roles.
    const anyOwn = own.some((r) => r && !DETAIL_ROLES.has(r));
    const plan: TablePlan = {
      roles: anyOwn || !inherited.length ? roles : roles.map((r, i) => r ?? inherited[i] ?? null),
      headerRows: titled ? headerAt + 1 : 0,
    };
    // 'Standard' is an action only in an action plan: a table that also has an action or RAG column.
    if (!plan.roles.some((r) => r && r !== "standard" && r !== "status" && r !== "plan-action")) {
      plan.roles = plan.roles.map((r) => (r === "standard" ? null : r));
    }
    // 'Action' is one in a plan with a lead, due date or RAG rating beside it.
    const planned = plan.roles.some((r) => r === "lead" || r === "due" || r === "rag");
    plan.roles = plan.roles.map((r) => (r === "plan-action" ? (planned ? "future-action" : null) : r));
    plans.set(block, plan);
    if (plan.roles.some(Boolean)) previous = { width, plan };
    else if (!previous || previous.width !== width) previous = null;
  }
  return plans;
}

function tableActions(ctx: ExtractContext): Action[] {
  const collected: Action[] = [];
  const plans = planTables(ctx.layout);
  // Text left unfinished at the bottom of a column ('… implementation to') waits for the
  // continuation row on the next page or row ('action plans.').
  const pending = new Map<number, Action>();
  let above: string[] | null = null;
  for (const { block, ref } of refsOf(ctx.layout)) {
    if (block.kind !== "table") continue;
    const plan = plans.get(block);
    if (!plan || !plan.roles.some(isActionRole)) {
      pending.clear();
      above = null;
      continue;
    }
    if (above && above.length !== (block.rows[0]?.length ?? 0)) above = null;
    const ragCol = plan.roles.indexOf("rag");
    const statusCol = plan.roles.indexOf("status");
    const dueCol = plan.roles.indexOf("due");
    // Rows split inside this table are folded together first; `pending` carries the rest over
    // to a continuation table after a page break.
    const texts = mergedRowTexts(block);
    for (let r = plan.headerRows; r < block.rows.length; r++) {
      const row = block.rows[r]!;
      if (isTitleRow(row) && row.some((c, i) => c && roleOfHeader(c.text) && roleOfHeader(c.text) === plan.roles[i])) continue; // repeated header
      const rowTexts = texts[r]!;
      if (!rowTexts.some((t) => t.trim())) continue; // folded into the row above
      const continuation = above !== null && isContinuationRow(above, rowTexts);
      if (!continuation) pending.clear();
      above = rowTexts;
      for (let c = 0; c < row.length; c++) {
        const role = plan.roles[c] ?? null;
        const cell = row[c];
        const text = rowTexts[c] ?? "";
        if (!isActionRole(role) || !cell || !squash(text)) continue;
        const lines = lineItems(ctx.layout, text);
        const items = role === "standard" ? lines : actionSentencesOf(lines);
        const carried = pending.get(c);
        pending.delete(c);
        items.forEach((item, i) => {
          if (i === 0 && carried) {
            const joined = splitStatus(`${carried.text} ${item}`);
            carried.text = joined.text;
            carried.status = joined.status ?? carried.status;
            carried.due = dueMonth(carried.text);
            if (i === items.length - 1 && isOpen(carried.text)) pending.set(c, carried);
            return;
          }
          if (item.split(" ").length <= 8 && roleOfHeader(item)) return; // a repeated column title
          const action = makeAction(ctx, item, role, { ref, row: r }, cell, {
            rag: ragCol >= 0 ? squash(row[ragCol]?.text ?? "") : null,
            status: statusCol >= 0 ? squash(row[statusCol]?.text ?? "") || null : null,
            // The due column holds the date alone ('March 2019'): read it as what is due.
            due: dueCol >= 0 ? dueMonth(`due ${squash(row[dueCol]?.text ?? "")}`) : null,
          });
          if (!action) return;
          collected.push(action);
          if (i === items.length - 1 && isOpen(action.text)) pending.set(c, action);
        });
      }
    }
  }
  return collected;
}

/**
 * One action per sentence of a cell. Some sources lose the cell's paragraph breaks
 * ('… about e-safety Implement training programme'), so a capitalised imperative after a
 * lower-case word also starts a new action; a sentence that points back ('This will …')
 * belongs to the action before it, and a cross-reference ('See also …') is not an action.
 */
export function actionSentences(text: string, hard: boolean): string[] {
  return actionSentencesOf(logicalLines(text, hard).map(stripBullet));
}

/** actionSentences of text already cut into logical lines (bullets stripped). */
function actionSentencesOf(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const s of sentences(line)) {
      for (const piece of splitRunOnImperatives(s.text)) {
        const t = squash(piece);
        if (!t) continue;
        if (/^\(?see\b/i.test(t)) continue;
        if (/^(?:this|these|it|they)\b/i.test(t) && out.length > 0) {
          out[out.length - 1] = `${out[out.length - 1]} ${t}`;
          continue;
        }
        out.push(t);
      }
    }
  }
  return out;
}

const IMPERATIVES =
  "Implement Continue Develop Review Ensure Increase Support Promote Use Work Raise Respond Confirm Refine Focus Address " +
  "Strengthen Listen Prioritise Prioritize Identify Undertake Establish Monitor Test Embed Complete Provide Deliver " +
  "Introduce Improve Create Agree Analyse Analyze Share Consider Maintain Extend Update Produce Engage Build Align Explore " +
  "Evaluate Publish Set Launch Roll Recruit Train Hold Carry Seek Secure Reduce Target Report";
/** Before a capitalised imperative, after a lower-case word, a number, a bracket or an acronym. */
const RUN_ON = new RegExp(
  `(?<=(?:^|\\s)[a-z][\\w'’-]*|[0-9)]|\\b[A-Z]{2,})\\s+(?=(?:${IMPERATIVES.split(" ").join("|")})\\s+[a-z])`,
  "g",
);

function splitRunOnImperatives(text: string): string[] {
  return text.split(RUN_ON);
}

// ---------------------------------------------------------------------------------------
// Lists under a label

function listKind(block: TextBlock): ActionKind | null {
  if (isFlattenedPlanHeader(block.text)) return null;
  // Words of the squashed text (an empty text counts one), counted before squashing it:
  // long paragraphs, most of a document, are no label and need nothing more.
  const words = Math.max(1, wordsUpTo(block.text, 26));
  const labelled = block.kind === "heading" || block.text.trimEnd().endsWith(":") || words <= 6;
  if (!labelled || words > 25) return null;
  const t = squash(block.text).replace(/[:.]$/, "");
  for (const [pattern, kind] of KIND_LABELS) if (pattern.test(t)) return kind;
  return null;
}

/** Number of whitespace-separated (regex \s) words in a text, counting stops at `cap`. */
function wordsUpTo(text: string, cap: number): number {
  return countRuns(text, cap, isWhitespaceCode);
}

/**
 * A block that ends a list: a heading, table, case number ('6.'), a new 'LABEL:' paragraph, or
 * a title in capitals that a text extraction left as a paragraph ('KEY AREAS OF ACTIVITY').
 */
function endsList(block: TextBlock | TableBlock): boolean {
  if (block.kind === "table" || block.kind === "heading") return true;
  const t = squash(block.text);
  if (/^\d+[.)]*$/.test(t)) return true;
  if (/^[A-Z][A-Z /&'’-]{3,}:/.test(t)) return true;
  if (/^[A-Z][A-Z /&'’-]{3,}$/.test(t) && t.includes(" ")) return true;
  return /:$/.test(t) && t.split(" ").length <= 8;
}

type ListMarker = "bullet" | "number";

const NUMBER_MARKER = /^(?:\d{1,2}[.)]+|\(?[a-zA-Z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s/;

/** What a list item is marked with, if anything: a bullet, or a number or letter. */
export function listMarkerOf(text: string): ListMarker | null {
  const t = text.trimStart();
  if (startsWithBullet(t)) return "bullet";
  return NUMBER_MARKER.test(t) ? "number" : null;
}

function* listActions(ctx: ExtractContext): Generator<Action> {
  const all = [...refsOf(ctx.layout)];
  for (let i = 0; i < all.length; i++) {
    const { block } = all[i]!;
    if (block.kind === "table") continue;
    const kind = listKind(block);
    if (!kind) continue;
    if (inFlattenedHeader(all, i)) {
      yield* flattenedColumnActions(ctx, all, i, kind);
      continue;
    }
    let marker: ListMarker | null = null;
    let listed = false;
    for (let j = i + 1; j < all.length && j <= i + 20; j++) {
      const next = all[j]!;
      if (endsList(next.block)) break;
      if (next.block.kind === "table") break;
      // The items of one list share their marker: a numbered item after bullets (or bullets
      // after numbers) starts another list, such as the report's next numbered case study.
      const own = listMarkerOf(next.block.text);
      if (own && marker && own !== marker) break;
      // Prose after the list's items is the report going on, not one more action.
      if (listed && !own && next.block.kind === "paragraph" && wordsUpTo(next.block.text, 13) > 12) break;
      listed ||= Boolean(own) || next.block.kind === "list-item";
      marker ??= own;
      for (const line of lineItems(ctx.layout, next.block.text)) {
        // A list's own number ('1. ') is its marker, as a bullet is, not part of the action.
        const text = own === "number" ? line.replace(NUMBER_MARKER, "") : line;
        const action = makeAction(ctx, text, kind, { ref: next.ref, row: null }, next.block, { rag: null, status: null });
        if (action) yield action;
      }
    }
  }
}

type RefBlock = { block: TextBlock | TableBlock; ref: BlockRef };

/**
 * A column title of a table that a text extraction flattened into paragraphs: it stands in
 * a run of three or more title-like paragraphs (questions, bracketed notes, capitals — 'How
 * do we know?' '(Data and Information- Evidence)'), or of two in capitals ('WHAT HAVE WE
 * DONE' 'NEXT STEPS'). What follows is every column's cells in turn, not a list.
 */
function inFlattenedHeader(all: RefBlock[], i: number): boolean {
  const titleLike = (k: number): boolean => {
    const b = all[k]?.block;
    if (!b || b.kind === "table" || b.kind === "list-item") return false;
    const t = squash(b.text);
    if (!t || t.split(" ").length > 12 || /[.;,]$/.test(t)) return false;
    return /\?$/.test(t) || /^\(.*\)$/.test(t) || isCapitals(t) || k === i;
  };
  let first = i;
  while (titleLike(first - 1)) first--;
  let last = i;
  while (titleLike(last + 1)) last++;
  const run = last - first + 1;
  if (run >= 3) return true;
  if (run < 2) return false;
  for (let k = first; k <= last; k++) if (!isCapitals(squash((all[k]!.block as TextBlock).text))) return false;
  return true;
}

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/** Blocks of a flattened table read after its header, up to the next page or heading. */
const FLATTENED_WINDOW = 120;
/** An item that starts with an instruction ('Implement …', 'Continue to …'). */
const IMPERATIVE_START = new RegExp(`^(?:${IMPERATIVES.split(" ").join("|")})\\s+\\S`);

/**
 * The action column of a flattened table: the cells of all its columns follow the header
 * one after another, so only the items written as instructions are taken, up to the end of
 * the page (the next page repeats the header) or the next heading.
 */
function* flattenedColumnActions(ctx: ExtractContext, all: RefBlock[], i: number, kind: ActionKind): Generator<Action> {
  const page = all[i]!.ref.page;
  for (let j = i + 1; j < all.length && j <= i + FLATTENED_WINDOW; j++) {
    const next = all[j]!;
    if (next.block.kind === "table" || next.block.kind === "heading") break;
    if (ctx.layout.pages.length > 1 && next.ref.page !== page) break;
    if (listKind(next.block) && inFlattenedHeader(all, j)) break;
    for (const line of lineItems(ctx.layout, next.block.text)) {
      for (const item of actionSentencesOf(lineItems(ctx.layout, line))) {
        if (!IMPERATIVE_START.test(item)) continue;
        const action = makeAction(ctx, item, kind, { ref: next.ref, row: null }, next.block, { rag: null, status: null });
        if (action) yield action;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// An action-plan table flattened into paragraphs by a text extraction

/** 'Standard Evidence RAG Rate Further Actions Required': the header line of a flattened plan. */
function isFlattenedPlanHeader(text: string): boolean {
  if (wordsUpTo(text, 11) > 10) return false; // as the squashed text's word count, without squashing
  const t = squash(text).toLowerCase();
  const names = ["standard", "evidence", "rag", "further action", "action", "status", "progress"];
  return names.filter((n) => t.includes(n)).length >= 3;
}

/** Evidence of progress rather than an action: reports what has happened or is happening. */
const PROGRESS_REPORT =
  /\b(?:underway|under way|taken place|in place|undertaken|undertaking|developed|implemented|identified|problematic|there has been|currently|current)\b/i;

function* flattenedPlanActions(ctx: ExtractContext): Generator<Action> {
  if (hardLineBreaks(ctx.layout)) return;
  const all = [...refsOf(ctx.layout)];
  for (let i = 0; i < all.length; i++) {
    const { block } = all[i]!;
    if (block.kind === "table" || !isFlattenedPlanHeader(block.text)) continue;
    for (let j = i + 1; j < all.length; j++) {
      const next = all[j]!;
      if (next.block.kind !== "paragraph" && next.block.kind !== "list-item") break;
      if (isFlattenedPlanHeader(next.block.text)) break;
      const text = stripBullet(squash(next.block.text));
      if (!/\p{L}{3,}/u.test(text) || PROGRESS_REPORT.test(text.replace(/\bto be \w+/gi, ""))) continue;
      const kind: ActionKind = /[.;]$/.test(text) ? "standard" : "further-action";
      const action = makeAction(ctx, text, kind, { ref: next.ref, row: null }, next.block, { rag: null, status: null });
      if (action) yield action;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Evidence items printed with a completion status ('Action Plan in response to … - COMPLETE')

const PRINTED_STATUS = /\s[-–—]\s*(COMPLETED?|DONE|ACHIEVED|IN PROGRESS|ONGOING|ON-GOING|NOT STARTED|OUTSTANDING)\s*\.?$/;

function markedCompleteActions(ctx: ExtractContext): Action[] {
  const found: Action[] = [];
  const plans = planTables(ctx.layout);
  for (const { block, ref } of refsOf(ctx.layout)) {
    if (block.kind === "heading") continue;
    if (block.kind === "table") {
      const plan = plans.get(block);
      block.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell || (plan && plan.roles[c])) return;
          for (const line of lineItems(ctx.layout, cell.text)) {
            if (PRINTED_STATUS.test(line)) {
              const a = makeAction(ctx, line, "further-action", { ref, row: r }, cell, { rag: null, status: null });
              if (a) found.push(a);
            }
          }
        }),
      );
      continue;
    }
    for (const line of lineItems(ctx.layout, block.text)) {
      if (!PRINTED_STATUS.test(line)) continue;
      const a = makeAction(ctx, line, "further-action", { ref, row: null }, block, { rag: null, status: null });
      if (a) found.push(a);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// One record

const STATUS_WORDS =
  /\b(?:progress|achieved|complete[d]?|on-?going|commenced|in place|started|delayed|done|met|underway|pending|closed|open|not yet)\b/i;

/** Split the status printed with an action: '(in progress)' at the end, or '- COMPLETE'. */
export function splitStatus(text: string): { text: string; status: string | null } {
  const t = squash(text);
  const printed = PRINTED_STATUS.exec(t);
  if (printed) return { text: t.slice(0, printed.index).trim(), status: printed[1]! };
  const paren = /\s*\(([^()]+)\)\s*\.?$/.exec(t);
  if (paren && STATUS_WORDS.test(paren[1]!) && paren[1]!.split(" ").length <= 8) {
    return { text: t.slice(0, paren.index).trim(), status: squash(paren[1]!) };
  }
  return { text: t, status: null };
}

function makeAction(
  ctx: ExtractContext,
  raw: string,
  kind: ActionKind,
  at: { ref: BlockRef; row: number | null },
  source: { place: Cell["place"] },
  extra: { rag: string | null; status: string | null; due?: string | null },
): Action | null {
  const { text, status } = splitStatus(raw);
  if (!/\p{L}{2,}.*\p{L}{2,}/u.test(text)) return null; // at least two words
  if (/^[?\s]+$/.test(text)) return null;
  return {
    text,
    kind,
    status: status ?? extra.status,
    rag: extra.rag,
    due: extra.due ?? dueMonth(text),
    areaKey: areaOfUnit(ctx, at),
    place: placeOf(source),
  };
}

/** The same action found twice (a list also matched as a table column) is kept once. */
function dedupe(actions: Action[]): Action[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = a.text.toLowerCase().replace(/\W+/g, " ").trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
