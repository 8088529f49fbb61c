/**
 * Which file of a batch is the first to hold some bytes, decided in input order.
 *
 * The ingest main thread reads and hashes several files at once, and reads finish in any
 * order: a small or cached file listed second can be hashed before the one listed first.
 * Deciding "first occurrence" by who hashed first made the twin listed first a duplicate of a
 * file the writer had not reached yet. Here each file takes a turn when it is listed, and a
 * turn is answered only after every earlier turn was, so the answer follows the input order
 * whatever order the reads finish in. Reads still overlap: only the answers wait.
 */
export interface Turn {
  /** Whether `key` is seen here for the first time among this and all earlier turns. */
  isFirst(key: string): Promise<boolean>;
  /** This file will not ask (it failed before it had a key); later turns need not wait for it. */
  pass(): void;
}

export class FirstOccurrence {
  private readonly seen = new Set<string>();
  private tail: Promise<void> = Promise.resolve();

  /** Take the next turn; call once per file, in input order. */
  enter(): Turn {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = false;
    // A turn counts as answered only once the turns before it are: a file that passes early
    // must not let the file after it overtake the one before it.
    const finish = () => {
      if (answered) return;
      answered = true;
      void previous.then(release);
    };
    return {
      isFirst: async (key) => {
        if (answered) throw new Error("a turn is answered once");
        await previous;
        const first = !this.seen.has(key);
        this.seen.add(key);
        finish();
        return first;
      },
      pass: finish,
    };
  }
}
