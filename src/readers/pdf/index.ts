import type { Layout } from "../../layout/types.js";
import { ReaderError } from "../errors.js";

/** PDF bytes → Layout (stub: being written). */
export async function readPdf(bytes: Uint8Array, source: string): Promise<Layout> {
  void bytes;
  throw new ReaderError("unsupported-type", `${source}: PDF reader not implemented yet`);
}
