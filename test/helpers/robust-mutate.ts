/**
 * Mutations for fuzzing the readers with damaged copies of the fixtures: bit flips, byte
 * runs overwritten, truncation (with and without a fresh %%EOF so the PDF pre-check is
 * passed and pdf.js itself sees the damage), chunks shuffled, duplicated or dropped, and
 * zip entries damaged behind an intact central directory.
 */

export type Mutation =
  | "bitflip"
  | "overwrite"
  | "truncate"
  | "truncate-keep-eof"
  | "shuffle"
  | "duplicate"
  | "drop"
  | "zero-run"
  | "combo";

export const MUTATIONS: Mutation[] = ["bitflip", "overwrite", "truncate", "truncate-keep-eof", "shuffle", "duplicate", "drop", "zero-run", "combo"];

export function mutate(input: Buffer, mutation: Mutation, random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  // keep the first bytes (magic number) most of the time, so the reader gets past sniffing
  const body = (min = 16) => min + int(Math.max(1, input.length - min));
  switch (mutation) {
    case "bitflip": {
      const out = Buffer.from(input);
      const flips = 1 + int(32);
      for (let i = 0; i < flips; i++) {
        const at = body();
        out[at] = out[at]! ^ (1 << int(8));
      }
      return out;
    }
    case "overwrite": {
      const out = Buffer.from(input);
      const at = body();
      const len = Math.min(1 + int(512), out.length - at);
      for (let i = 0; i < len; i++) out[at + i] = int(256);
      return out;
    }
    case "zero-run": {
      const out = Buffer.from(input);
      const at = body();
      out.fill(0, at, Math.min(out.length, at + 1 + int(4096)));
      return out;
    }
    case "truncate":
      return Buffer.from(input.subarray(0, 1 + int(input.length - 1)));
    case "truncate-keep-eof":
      return Buffer.concat([input.subarray(0, body()), Buffer.from("\nstartxref\n0\n%%EOF\n", "latin1")]);
    case "shuffle": {
      const size = 64 + int(4096);
      const chunks: Buffer[] = [];
      for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
      // swap a few chunks, never the first
      for (let n = 0; n < 1 + int(4); n++) {
        const i = 1 + int(chunks.length - 1);
        const j = 1 + int(chunks.length - 1);
        [chunks[i], chunks[j]] = [chunks[j]!, chunks[i]!];
      }
      return Buffer.concat(chunks);
    }
    case "duplicate": {
      const at = body();
      const len = Math.min(1 + int(8192), input.length - at);
      return Buffer.concat([input.subarray(0, at), input.subarray(at, at + len), input.subarray(at)]);
    }
    case "drop": {
      const at = body();
      const len = Math.min(1 + int(8192), input.length - at);
      return Buffer.concat([input.subarray(0, at), input.subarray(at + len)]);
    }
    case "combo": {
      let out = input;
      for (let n = 0; n < 2 + int(3); n++) out = mutate(out, MUTATIONS[int(MUTATIONS.length - 1)]!, random);
      return out;
    }
  }
}
