import type { Layout } from "../layout/types.js";
import { ReaderError } from "./errors.js";

/** DOCX bytes → Layout (stub: being written). */
export async function readDocx(bytes: Uint8Array, source: string): Promise<Layout> {
  void bytes;
  throw new ReaderError("unsupported-type", `${source}: DOCX reader not implemented yet`);
}
