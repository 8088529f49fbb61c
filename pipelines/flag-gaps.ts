/**
 * The flag-gaps job: for every open gap, look for a later report of the same authority that
 * gives what the gap was waiting for — the figure, or for a pending report a statement that
 * it was delivered (src/gaps/match.ts) — and record each resolution with its evidence (and
 * the rule that matched) in the gap ledger. Run by `scorebook gaps --check`, or on its own by a scheduler:
 *
 *   node dist/pipelines/flag-gaps.js [--db PATH] [--threshold 0.6] [--fail-on-open]
 *
 * which prints the open gaps as JSON on stdout and exits 0, 1 (open gaps under
 * --fail-on-open) or 2 (error).
 *
 * Idempotent: a re-run over the same store changes nothing and writes no events. Manual
 * decisions bind it: a gap a person resolved is never touched; one a person reopened can only
 * be resolved again by a report ingested after the reopen.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { idfFor, laterDocuments, matchGap, referenceEnd, CONFIDENCE_THRESHOLD, type GapMatch, type MatchContext } from "../src/gaps/match.js";
import {
  AUTOMATIC, groupByDocument, loadAreas, loadCandidates, loadDocuments, loadGaps, loadLastDecisions, loadLastManual,
} from "../src/gaps/load.js";
import { recordOpen, recordResolved, updateNote } from "../src/gaps/ledger.js";
import { groupGapCopies } from "../src/gaps/report-status.js";
import { loadAnchors, loadStatementUnits } from "../src/gaps/source.js";
import { statementCandidates } from "../src/gaps/statements.js";
import type { Candidate, GapInfo, LastDecision } from "../src/gaps/types.js";
import { openStore, DEFAULT_DB_PATH, type Store } from "../src/store/open.js";
import { listGaps } from "../src/query/gaps.js";

export interface FlagGapsOptions {
  /** Confidence needed to resolve automatically (default CONFIDENCE_THRESHOLD). */
  threshold?: number;
  /** Timestamp for the events (tests pin it). */
  now?: string;
}

export type GapOutcome =
  | { gapId: number; outcome: "resolved"; document: string; page: number | null; confidence: number }
  | { gapId: number; outcome: "open"; reason: string }
  | { gapId: number; outcome: "manual"; status: string }
  | { gapId: number; outcome: "kept"; status: string };

export interface FlagGapsReport {
  checked: number;
  resolved: number;
  open: number;
  manual: number;
  kept: number;
  /** Later reports searched through their stored facts only (no passages stored), and why. */
  factsOnly: { document: string; reason: string }[];
  outcomes: GapOutcome[];
}

interface StoreState {
  docs: Awaited<ReturnType<typeof loadDocuments>>;
  areas: Awaited<ReturnType<typeof loadAreas>>;
  gaps: GapInfo[];
  candidatesByDoc: Map<number, Candidate[]>;
  lastDecision: Map<number, LastDecision>;
  lastManual: Map<number, LastDecision>;
}

async function loadState(db: Store): Promise<StoreState> {
  const docs = await loadDocuments(db);
  const areas = await loadAreas(db);
  return {
    docs,
    areas,
    gaps: await loadGaps(db, areas),
    candidatesByDoc: await loadCandidates(db, areas),
    lastDecision: await loadLastDecisions(db),
    lastManual: await loadLastManual(db),
  };
}

/** The job will look at this gap (not held by a person's resolution, not already resolved). */
function isChecked(gap: GapInfo): boolean {
  return gap.status === "open";
}

function contextOf(state: StoreState, threshold: number, statements: ReadonlyMap<number, Candidate[]>, factsOnly: ReadonlyMap<number, string>): MatchContext {
  const candidatesByDoc = new Map<number, Candidate[]>();
  for (const id of new Set([...state.candidatesByDoc.keys(), ...statements.keys()])) {
    candidatesByDoc.set(id, [...(state.candidatesByDoc.get(id) ?? []), ...(statements.get(id) ?? [])]);
  }
  return {
    docs: state.docs,
    candidatesByDoc,
    gapsByDoc: groupByDocument(state.gaps),
    idf: idfFor(state.gaps, [...candidatesByDoc.values()].flat()),
    threshold,
    factsOnly,
  };
}

/**
 * Documents whose statements matter to the gaps the job will check: the later reports it
 * searches, and, as what was already known when a gap was flagged (a figure or a delivery
 * statement printed again is not news), the gap's own report and the ones not later than it.
 * Every checked gap gets all of its own, so its outcome does not depend on the other gaps.
 */
function documentsToRead(state: StoreState): { later: Set<number>; known: Set<number> } {
  const later = new Set<number>();
  const known = new Set<number>();
  for (const gap of state.gaps) {
    if (!isChecked(gap)) continue;
    const after = laterDocuments(gap, { docs: state.docs });
    if (after.length === 0) continue; // nothing to search: what was known does not matter
    for (const d of after) later.add(d.id);
    const ref = referenceEnd(gap, state.docs.get(gap.documentId));
    for (const d of state.docs.values()) {
      if (d.id === gap.documentId || (ref !== null && d.reporting !== null && d.reporting.end <= ref)) known.add(d.id);
    }
  }
  return { later, known };
}

/**
 * Statements of every report some open gap will look at (later ones) or compare with (its own
 * and earlier ones), from the stored passages. A later report without passages (stored before
 * they were kept) is searched by its facts only, and the summary says so.
 */
async function loadStatements(db: Store, state: StoreState) {
  const statements = new Map<number, Candidate[]>();
  const factsOnly = new Map<number, string>();
  const { later, known } = documentsToRead(state);
  for (const id of [...new Set([...later, ...known])].sort((a, b) => a - b)) {
    const text = await loadStatementUnits(db, id, state.areas);
    if (!text.ok) {
      if (later.has(id)) factsOnly.set(id, text.reason);
      continue;
    }
    statements.set(id, statementCandidates(id, text.units, await loadAnchors(db, id, state.areas)));
  }
  return { statements, factsOnly };
}

export async function flagGaps(db: Store, options: FlagGapsOptions = {}): Promise<FlagGapsReport> {
  const threshold = options.threshold ?? CONFIDENCE_THRESHOLD;
  const now = options.now ?? new Date().toISOString();
  // Everything is read inside the one transaction: the passages are in the store, so there is
  // no file parsing to keep out of the write lock, and the job sees one consistent store.
  return db.transaction().execute(async (trx) => {
    const state = await loadState(trx);
    const { statements, factsOnly } = await loadStatements(trx, state);
    const ctx = contextOf(state, threshold, statements, factsOnly);
    const outcomes: GapOutcome[] = [];
    // One check per report gap: the renderings' copies follow the copy stored first.
    const groups = groupGapCopies(state.gaps, state.docs);
    for (const copies of groups) {
      const gap = copies[0]!;
      const manual = state.lastManual.get(gap.id);
      // A person's resolution is final for the job until a person reopens it.
      if (manual?.status === "resolved" && gap.status === "resolved") {
        outcomes.push({ gapId: gap.id, outcome: "manual", status: gap.status });
        continue;
      }
      if (!isChecked(gap)) {
        outcomes.push({ gapId: gap.id, outcome: "kept", status: gap.status });
        continue;
      }
      for (const copy of copies) await reconcileReopened(trx, copy, state.lastDecision.get(copy.id), now);
      const match = matchGap(gap, { ...ctx, ingestedAfter: manual?.status === "open" ? manual.at : null });
      outcomes.push(await applyMatch(trx, copies, match, now, manual?.status === "open"));
    }
    const count = (o: GapOutcome["outcome"]) => outcomes.filter((x) => x.outcome === o).length;
    return {
      checked: groups.length,
      resolved: count("resolved"),
      open: count("open"),
      manual: count("manual"),
      kept: count("kept"),
      factsOnly: [...factsOnly].map(([id, reason]) => ({ document: state.docs.get(id)?.source ?? String(id), reason })),
      outcomes,
    };
  });
}

/**
 * The store reopens gaps whose resolving document is removed (re-ingest, delete) without an
 * event; the ledger gets one here so the history stays complete.
 */
async function reconcileReopened(trx: Store, gap: GapInfo, last: LastDecision | undefined, now: string): Promise<void> {
  if (last?.status !== "resolved") return;
  await recordOpen(trx, gap.id, gap.note, {
    decidedBy: AUTOMATIC,
    at: now,
    note: "reopened: the document that resolved it is no longer in the store",
    evidence: { previous: last },
  });
}

/** Record the job's answer for a gap on each of its copies (the renderings of its report). */
async function applyMatch(trx: Store, copies: readonly GapInfo[], match: GapMatch, now: string, manuallyReopened: boolean): Promise<GapOutcome> {
  const gap = copies[0]!;
  if (match.outcome === "resolved") {
    const c = match.best.candidate;
    const note = `resolved by ${match.best.document.source}${c.page === null ? "" : ` p.${c.page}`} (${match.best.rule}, ${match.best.area.method} area match, confidence ${match.best.confidence.toFixed(2)})`;
    for (const copy of copies) {
      if (copy.status !== "open") continue;
      await recordResolved(
        trx,
        copy.id,
        { documentId: c.documentId, page: c.page, text: c.text, confidence: match.best.confidence, note },
        { decidedBy: AUTOMATIC, at: now, note, evidence: copy === gap ? match.evidence : { copy_of: gap.id } },
      );
    }
    return { gapId: gap.id, outcome: "resolved", document: match.best.document.source, page: c.page, confidence: match.best.confidence };
  }
  // Still open: keep why on the gap (not a status change, so no event), unless a person's
  // reopen note is there: that is theirs.
  if (!manuallyReopened) for (const copy of copies) if (copy.note !== match.reason) await updateNote(trx, copy.id, match.reason);
  return { gapId: gap.id, outcome: "open", reason: match.reason };
}

/** Standalone entry for schedulers (see docs/scheduling.md). */
export async function runStandalone(argv: string[]): Promise<number> {
  let store: Store | null = null;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: "string", default: process.env.SCOREBOOK_DB ?? DEFAULT_DB_PATH },
        threshold: { type: "string" },
        "fail-on-open": { type: "boolean", default: false },
      },
      strict: true,
    });
    const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
    if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) throw new Error("--threshold: expected a number in (0, 1]");
    store = await openStore(values.db);
    const report = await flagGaps(store, { threshold });
    process.stderr.write(summaryLine(report) + "\n");
    const open = await listGaps(store, { open: true });
    process.stdout.write(JSON.stringify(open, null, 2) + "\n");
    return values["fail-on-open"] && open.length > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`flag-gaps: ${(error as Error).message ?? String(error)}\n`);
    return 2;
  } finally {
    await store?.destroy();
  }
}

export function summaryLine(r: FlagGapsReport): string {
  const factsOnly = r.factsOnly.length
    ? `; ${r.factsOnly.length} later report(s) searched by their stored facts only, no passages stored (${r.factsOnly.map((u) => u.document).join(", ")}; \`ingest --force\` adds them)`
    : "";
  return `flag-gaps: ${r.checked} gaps checked: ${r.resolved} resolved now, ${r.open} still open, ${r.kept} already resolved, ${r.manual} held by a manual decision${factsOnly}`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  runStandalone(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
