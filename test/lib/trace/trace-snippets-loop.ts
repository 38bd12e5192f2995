// Snippets for the traceLoop tests, as in trace-snippets.ts: the loop's phases (timers,
// immediates, I/O callbacks from fs, dns and net, intervals, a blocked loop, an unref'd timer).
import type { Snippet } from "./trace-snippets.js";

/** The loop's phases: timers, setImmediate, I/O callbacks, intervals. */
export const LOOP_SNIPPETS: Snippet[] = [
  {
    // Node reads the clock at each setTimeout call, so this order holds unless the process
    // stalls for 270 ms between the first and the last line.
    name: "timers run in order of their delay, not of the calls",
    code: `
      setTimeout(() => log("300 ms"), 300);
      setTimeout(() => log("0 ms"), 0);
      setTimeout(() => log("30 ms"), 30);`,
    order: ["0 ms", "30 ms", "300 ms"],
    kinds: ["timer", "timer", "timer"],
  },
  {
    name: "microtasks run between two timers that are due together",
    code: `
      setTimeout(() => {
        log("t1");
        Promise.resolve().then(() => log("then from t1"));
        process.nextTick(() => log("tick from t1"));
      }, 0);
      setTimeout(() => log("t2"), 0);`,
    order: ["t1", "tick from t1", "then from t1", "t2"],
    kinds: ["timer", "nextTick", "microtask", "timer"],
  },
  {
    name: "from inside a timer, setImmediate runs before setTimeout 0",
    code: `
      setTimeout(() => {
        log("t1");
        setTimeout(() => log("timeout from t1"), 0);
        setImmediate(() => log("immediate from t1"));
      }, 0);`,
    order: ["t1", "immediate from t1", "timeout from t1"],
    kinds: ["timer", "immediate", "timer"],
  },
  {
    name: "an immediate set inside an immediate waits for the next iteration",
    code: `
      setImmediate(() => {
        log("i1");
        setImmediate(() => log("i1 inner"));
        process.nextTick(() => log("tick from i1"));
      });
      setImmediate(() => log("i2"));`,
    order: ["i1", "tick from i1", "i2", "i1 inner"],
    kinds: ["immediate", "nextTick", "immediate", "immediate"],
  },
  {
    name: "inside an I/O callback, setImmediate runs before setTimeout 0",
    code: `
      require("node:fs").stat(process.execPath, () => {
        log("stat");
        setTimeout(() => log("timeout"), 0);
        setImmediate(() => log("immediate"));
        process.nextTick(() => log("tick"));
      });`,
    order: ["stat", "tick", "immediate", "timeout"],
    kinds: ["io", "nextTick", "immediate", "timer"],
  },
  {
    name: "fs.readFile calls back after the script and its queues",
    code: `
      require("node:fs").readFile(process.execPath, { encoding: null, flag: "r" }, (error) => {
        log(error === null ? "read" : "read failed");
      });
      process.nextTick(() => log("tick"));
      log("sync");`,
    order: ["sync", "tick", "read"],
    kinds: ["sync", "nextTick", "io"],
  },
  {
    name: "fs.promises: the code after await is a microtask, not an I/O callback",
    code: `
      (async () => {
        await require("node:fs").promises.stat(process.execPath);
        log("after await stat");
      })();
      log("sync");`,
    order: ["sync", "after await stat"],
    kinds: ["sync", "microtask"],
  },
  {
    name: "dns.lookup calls back from the thread pool as I/O",
    code: `
      require("node:dns").lookup("localhost", () => {
        log("lookup");
        process.nextTick(() => log("tick from lookup"));
      });
      log("sync");`,
    order: ["sync", "lookup", "tick from lookup"],
    kinds: ["sync", "io", "nextTick"],
  },
  {
    name: "net: a server, a client and the events between them",
    code: `
      const net = require("node:net");
      const server = net.createServer((socket) => {
        log("server: connection");
        socket.end("hi");
      });
      server.listen(0, "127.0.0.1", () => {
        log("listening");
        const client = net.connect(server.address().port, "127.0.0.1");
        client.on("data", (data) => log("client: data " + data));
        client.on("end", () => {
          log("client: end");
          server.close(() => log("server closed"));
        });
      });`,
    order: ["listening", "server: connection", "client: data hi", "client: end", "server closed"],
    kinds: ["nextTick", "io", "io", "nextTick", "nextTick"],
  },
  {
    name: "an interval runs until it clears itself",
    code: `
      let n = 0;
      const id = setInterval(() => {
        n += 1;
        log("interval " + n);
        Promise.resolve().then(() => log("then " + n));
        if (n === 3) clearInterval(id);
      }, 1);`,
    order: ["interval 1", "then 1", "interval 2", "then 2", "interval 3", "then 3"],
    kinds: ["timer", "microtask", "timer", "microtask", "timer", "microtask"],
  },
  {
    name: "an interval cleared by a timeout stops",
    code: `
      const id = setInterval(() => log("never"), 1000);
      setTimeout(() => {
        clearInterval(id);
        log("cleared");
      }, 0);`,
    order: ["cleared"],
    kinds: ["timer"],
  },
  {
    name: "a blocked loop delays a timer that was due long ago",
    code: `
      setTimeout(() => log("timer"), 0);
      const start = Date.now();
      while (Date.now() - start < 30) {}
      log("after blocking");`,
    order: ["after blocking", "timer"],
    kinds: ["sync", "timer"],
  },
  {
    name: "an unref'd timer does not keep the script alive, so it never fires",
    code: `
      setTimeout(() => log("never"), 50).unref();
      log("sync");`,
    order: ["sync"],
    kinds: ["sync"],
  },
];
