/** pdf.js's worker module has no type declarations; it is only loaded for its side effect. */
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs";
