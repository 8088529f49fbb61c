/**
 * pdf.js, loaded once per thread, with one global side effect of its legacy build undone.
 *
 * The legacy build (the one that runs on Node 20) bundles core-js polyfills that install
 * themselves on the global built-ins. One of them replaces `Array.prototype.push` with a
 * JavaScript implementation whenever the engine is V8 ≤ 12.1 (Node 20 ships V8 11.3): the
 * native push does not throw the spec's TypeError when an array's `length` is read-only
 * (V8 bug 12681). The replacement then runs for every push in the thread — pdf.js's own and
 * ours — and profiling showed it as the largest single cost of reading a PDF (about a third of
 * pdf.js's time, more in our layout code). Nothing in pdf.js or scorebook pushes onto an array
 * with a read-only length, so the native push is put back once pdf.js has loaded. The features
 * core-js *adds* (Promise.withResolvers, Set methods, Uint8Array base64, ...) are left in
 * place: pdf.js needs them on Node 20.
 *
 * The fake-worker module (Node has no web workers, so pdf.js runs its "worker" in this thread)
 * is loaded here too, rather than lazily by the first getDocument, so that its polyfills are
 * in before the native push is restored; pdf.js finds it on `globalThis.pdfjsWorker`.
 */
import type * as PdfJs from "pdfjs-dist/legacy/build/pdf.mjs";

/** Whatever push was before pdf.js loaded (the engine's own, unless someone else replaced it). */
const pushBefore = Array.prototype.push;

const pdfjs: typeof PdfJs = await import("pdfjs-dist/legacy/build/pdf.mjs");
await import("pdfjs-dist/legacy/build/pdf.worker.mjs");

if (Array.prototype.push !== pushBefore) {
  Object.defineProperty(Array.prototype, "push", { value: pushBefore, writable: true, enumerable: false, configurable: true });
}

export default pdfjs;
