// Tell a long-running script that the `npm run` process which started it is gone.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** A process's parent and command line, from /proc on Linux, else from `ps`; undefined if gone. */
function describeProcess(pid: number): { ppid: number; command: string } | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    return { ppid, command };
  } catch {
    try {
      const line = execFileSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], {
        encoding: "utf8",
      });
      const match = /^\s*(\d+)\s+(.*)$/.exec(line.trim());
      return match ? { ppid: Number(match[1]), command: match[2] ?? "" } : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The processes whose end should end this one: under `npm run <script>`, every ancestor up to that npm
 * process (npm -> sh -> tsx -> this node: killing npm orphans sh and tsx, which keep running and
 * keep this process alive); otherwise the parent only. Undefined when `npm run <script>`
 * started it but that npm is already gone (killed while the stand-in was starting).
 */
function watchedAncestors(script: string): { pid: number; command: string }[] | undefined {
  const chain: { pid: number; command: string }[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 8) {
    const found = describeProcess(pid);
    if (!found) break;
    chain.push({ pid, command: found.command });
    if (/(^|[/\s])(npm|npx)(-cli\.js)?(\s|$)/.test(found.command)) return chain;
    pid = found.ppid;
  }
  return process.env.npm_lifecycle_event === script ? undefined : chain.slice(0, 1);
}

/** Whether a process has ended (a zombie waiting to be reaped counts as ended). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false; // no /proc (macOS): kill(pid, 0) said it still exists
  }
}

/**
 * Resolves with a description of the first watched ancestor that ends (checked every second), so a
 * server started by `npm run <script>` can stop when that npm is killed instead of lingering.
 */
export function whenParentGone(script: string): Promise<string> {
  const watched = watchedAncestors(script);
  const parent = process.ppid;
  if (!watched) return Promise.resolve("the npm process that started it is already gone");
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      // A changed ppid means this process was re-parented: its parent is gone.
      const gone = process.ppid !== parent ? watched[0] : watched.find(({ pid }) => isGone(pid));
      if (!gone) return;
      clearInterval(timer);
      resolve(
        `its parent ${gone.command.trim().split(" ").slice(0, 3).join(" ")} (pid ${gone.pid}) is gone`,
      );
    }, 1000);
    // Whatever the caller runs keeps the process alive; this watch must not.
    timer.unref();
  });
}
