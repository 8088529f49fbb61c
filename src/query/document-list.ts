/**
 * Documents for the web app's list and detail pages: what each is, its periods, how many
 * facts of each kind it gave and its messages. Counted for one page of documents at a time
 * (a store can hold tens of thousands).
 */
import type { Store } from "../store/open.js";

export interface DocumentSummary {
  id: number;
  document: string;
  format: string;
  kind: string;
  title: string | null;
  authority: string | null;
  framework: string | null;
  pages: number | null;
  ingested_at: string;
  extractor_version: string;
  sha256: string;
  periods: string[];
  counts: { scores: number; indicators: number; actions: number; gaps: number; messages: number };
}

export interface DocumentMessage {
  level: string;
  source: string;
  text: string;
  page: number | null;
  line: number | null;
}

export interface DocumentDetail extends DocumentSummary {
  messages: DocumentMessage[];
}

const COUNTED = ["scores", "indicators", "actions", "gaps", "messages"] as const;

export async function countDocuments(db: Store): Promise<number> {
  const r = await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page of documents, by source name then id. */
export async function listDocumentPage(db: Store, options: { offset?: number; limit?: number } = {}): Promise<DocumentSummary[]> {
  let q = db
    .selectFrom("documents")
    .select(["id", "source", "format", "kind", "title", "authority", "framework", "pages", "ingested_at", "extractor_version", "sha256"])
    .orderBy("source")
    .orderBy("id");
  if (options.limit !== undefined) q = q.limit(options.limit).offset(options.offset ?? 0);
  const docs = await q.execute();
  return withDetails(db, docs);
}

export async function documentDetail(db: Store, id: number): Promise<DocumentDetail | null> {
  const doc = await db
    .selectFrom("documents")
    .select(["id", "source", "format", "kind", "title", "authority", "framework", "pages", "ingested_at", "extractor_version", "sha256"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!doc) return null;
  const [summary] = await withDetails(db, [doc]);
  const messages = await db
    .selectFrom("messages")
    .select(["level", "source", "text", "page", "line_start"])
    .where("document_id", "=", id)
    .orderBy("id")
    .execute();
  return { ...summary!, messages: messages.map((m) => ({ level: m.level, source: m.source, text: m.text, page: m.page, line: m.line_start })) };
}

type DocRow = { id: number; source: string; format: string; kind: string; title: string | null; authority: string | null; framework: string | null; pages: number | null; ingested_at: string; extractor_version: string; sha256: string };

async function withDetails(db: Store, docs: DocRow[]): Promise<DocumentSummary[]> {
  if (docs.length === 0) return [];
  const ids = docs.map((d) => d.id);
  const counts = new Map<string, number>();
  for (const table of COUNTED) {
    const rows = await db
      .selectFrom(table)
      .select(["document_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("document_id", "in", ids)
      .groupBy("document_id")
      .execute();
    for (const r of rows) counts.set(`${table}:${r.document_id}`, Number(r.n));
  }
  const periods = await db
    .selectFrom("document_periods")
    .select(["document_id", "label"])
    .where("document_id", "in", ids)
    .orderBy("document_id")
    .orderBy("ordinal")
    .execute();
  const labels = new Map<number, string[]>();
  for (const p of periods) labels.set(p.document_id, [...(labels.get(p.document_id) ?? []), p.label]);
  return docs.map((d) => ({
    id: d.id,
    document: d.source,
    format: d.format,
    kind: d.kind,
    title: d.title,
    authority: d.authority,
    framework: d.framework,
    pages: d.pages,
    ingested_at: d.ingested_at,
    extractor_version: d.extractor_version,
    sha256: d.sha256,
    periods: labels.get(d.id) ?? [],
    counts: {
      scores: counts.get(`scores:${d.id}`) ?? 0,
      indicators: counts.get(`indicators:${d.id}`) ?? 0,
      actions: counts.get(`actions:${d.id}`) ?? 0,
      gaps: counts.get(`gaps:${d.id}`) ?? 0,
      messages: counts.get(`messages:${d.id}`) ?? 0,
    },
  }));
}
