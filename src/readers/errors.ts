/**
 * Why a file could not be read. Every reader failure is a ReaderError whose `reason` is a
 * short, stable code and whose message is one line a person can act on. The CLI prints
 * `FILE: message` and moves on to the next file.
 */
export type ReaderFailure =
  | "missing"
  | "unreadable"
  | "empty"
  | "unsupported-type"
  | "not-pdf"
  | "corrupt-pdf"
  | "encrypted"
  | "no-text-layer"
  | "not-docx"
  | "zip-bomb"
  | "too-large"
  | "too-many-pages"
  | "timeout";

export class ReaderError extends Error {
  readonly reason: ReaderFailure;
  constructor(reason: ReaderFailure, message: string) {
    super(message);
    this.name = "ReaderError";
    this.reason = reason;
  }
}
