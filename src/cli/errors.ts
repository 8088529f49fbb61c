/**
 * The CLI's edges: every runtime error becomes one line a person can act on (never a stack
 * trace), and a reader that stops reading (`scorebook export | head -1`) ends the command
 * quietly with exit 0, as Unix tools do.
 */
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";

const REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  EMFILE: "too many open files",
};

/** A Node system error (fs, net): it carries a code and often a path. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

/** Any error as one line: a system error names its path and reason; others keep their message's first line. */
export function errorLine(error: unknown): string {
  if (isSystemError(error)) {
    const reason = REASONS[error.code!] ?? error.code!;
    return error.path ? `${error.path}: ${reason} (${error.syscall})` : `${error.syscall}: ${reason}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\r?\n/).find((l) => l.trim().length > 0)?.trim() ?? "unknown error";
}

/** Write an output file the user named; a failure is one line naming the path and why. */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`cannot write ${path}: the folder ${dirname(path)} does not exist`);
    throw new Error(`cannot write ${path}: ${code ? (REASONS[code] ?? code) : errorLine(error)}`);
  }
}

/**
 * When whoever reads stdout goes away (EPIPE), stop at once with exit 0: the reader has what
 * it wanted, and nothing written later could reach it. Other stdout errors end the command
 * as one line on stderr, exit 2.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    process.stderr.write(`scorebook: cannot write the output: ${errorLine(error)}\n`);
    process.exit(2);
  });
}
