/**
 * The floor for the ingest bench: what reading a PDF with pdf.js costs and nothing else —
 * open it, then getOperatorList and getTextContent for every page (the same calls, with the
 * same options, the PDF reader makes), no layout analysis, no extraction, no store.
 */
import { parentPort } from "node:worker_threads";
import { loadingTask } from "../src/readers/pdf/load.js";
import pdfjs from "../src/readers/pdf/pdfjs.js";

export interface BareTask {
  bytes: Uint8Array;
}

export type BareResult = { ok: true; pages: number } | { ok: false; message: string };

async function readBare(bytes: Uint8Array): Promise<BareResult> {
  const task = loadingTask(bytes);
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      await page.getTextContent();
      page.cleanup();
    }
    return { ok: true, pages: doc.numPages };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

process.on("unhandledRejection", () => undefined);
const port = parentPort;
if (port) {
  port.on("message", (message: { id: number; task: BareTask }) => {
    void readBare(message.task.bytes).then((result) => port.postMessage({ id: message.id, result, heapUsed: process.memoryUsage().heapUsed }));
  });
  port.postMessage({ ready: true });
}
