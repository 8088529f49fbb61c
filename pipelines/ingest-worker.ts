/**
 * Ingest worker thread: receives `{ id, task: ParseTask }`, answers `{ id, result, heapUsed }`.
 * The main thread owns the store; this thread only reads and extracts (pipelines/parse.ts).
 */
import { parentPort } from "node:worker_threads";
import { parseDocument, type ParseTask } from "./parse.js";
import { timeoutFactor } from "./parse-types.js";

// pdf.js can leave a rejected promise behind after the document it belonged to failed. The
// file's own failure has already been reported; such a leftover must not kill the worker
// (and with it the next file).
process.on("unhandledRejection", () => undefined);

const port = parentPort;
if (!port) throw new Error("ingest-worker must run in a worker thread");

port.on("message", (message: { id: number; task: ParseTask }) => {
  // OCR progress goes to the main thread (TTY progress) with the time the file may now take.
  const progress = (p: Parameters<typeof timeoutFactor>[0]) => port.postMessage({ id: message.id, progress: p, budget: timeoutFactor(p) });
  void parseDocument(message.task, progress).then((result) => {
    port.postMessage({ id: message.id, result, heapUsed: process.memoryUsage().heapUsed });
  });
});
// Modules are loaded (static imports above): the per-file time limit starts from here.
port.postMessage({ ready: true });
