/**
 * The one escaping rule of the web app: `html` is a tagged template whose interpolated values
 * are escaped (src/report/escape.ts esc) unless they are already `Html` (the result of another
 * `html` call, or `raw` for markup this code built itself, such as the report's SVG chart).
 * Arrays are joined. So every view is a small pure function from data to `Html`, and a value
 * from a report (a label, a note, a file name) can never become markup by accident.
 */
import { esc } from "../../report/escape.js";

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function piece(value: Value): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return esc(value);
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup built by trusted code (it must escape what it interpolates itself). */
export function raw(text: string): Html {
  return new Html(text);
}

/** A query string from parameters (null/undefined/empty left out), each part URL-encoded. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
