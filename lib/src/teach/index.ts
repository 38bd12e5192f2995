// Teaching helpers: checking answers and code exercises, compiler and lint diagnostics, and running
// snippets in a child process (a crash outside the kernel, syntax newer than tslab's TypeScript).
// This file only re-exports.
export * from "./check-answer.js";
export * from "./check-theory.js";
export * from "./compile-errors.js";
export * from "./lint-snippet.js";
export * from "./exercise.js";
export * from "./run-typescript.js";
export * from "./new-run.js";
export * from "./watch-unhandled.js";
export * from "./run-node.js";
export * from "./fake-op.js";
export * from "./load-page-tests.js";
export * from "./first-success-tests.js";
export * from "./retry-transient-tests.js";
export * from "./count-in-worker-tests.js";
export * from "./yield-chunks-tests.js";
export * from "./map-concurrent-tests.js";
export * from "./longest-stall.js";
export * from "./run-python.js";
export * from "./fetch-all-tests.js";
export * from "./dashboard-tests.js";
export * from "./get-user-tests.js";
export * from "./avatars-tests.js";
