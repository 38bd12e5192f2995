// Teaching helpers: checking answers, predictions and code exercises, compiler and lint
// diagnostics, experiments (stopAfterAbort, newRun), and running snippets in a child process (a
// crash outside the kernel, syntax newer than tslab's TypeScript). This file only re-exports.
export * from "./check-answer.js";
export * from "./check-theory.js";
export * from "./check-prediction.js";
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
export * from "./join-streams-tests.js";
export * from "./count-in-worker-tests.js";
export * from "./yield-chunks-tests.js";
export * from "./map-concurrent-tests.js";
export * from "./longest-stall.js";
export * from "./run-python.js";
export * from "./run-python-file.js";
export * from "./fetch-all-tests.js";
export * from "./dashboard-tests.js";
export * from "./get-user-tests.js";
export * from "./handle-signup-tests.js";
export * from "./save-all-tests.js";
export * from "./count-to-tests.js";
export * from "./six-waits-tests.js";
export * from "./with-resource-tests.js";
export * from "./deadline-tests.js";
export * from "./report-steps-tests.js";
export * from "./embed-batches-tests.js";
export * from "./decision-table.js";
export * from "./stop-after-abort.js";
export * from "./fan-out.js";
