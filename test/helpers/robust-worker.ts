/** A worker for the pool's tests: echoes, hangs, crashes, exits or runs out of memory on request. */
import { parentPort } from "node:worker_threads";

export type TestTask = { kind: "echo"; text: string } | { kind: "hang" } | { kind: "crash" } | { kind: "exit" } | { kind: "oom" };

const port = parentPort;
if (port) {
  port.on("message", ({ id, task }: { id: number; task: TestTask }) => {
    switch (task.kind) {
      case "echo":
        port.postMessage({ id, result: task.text, heapUsed: 0 });
        return;
      case "hang":
        for (;;) {
          // a synchronous loop: only terminating the thread stops it
        }
      case "crash":
        setImmediate(() => {
          throw new Error("boom from a parser");
        });
        return;
      case "exit":
        process.exit(3);
        return;
      case "oom": {
        const hoard: number[][] = [];
        for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
      }
    }
  });
  port.postMessage({ ready: true });
}
