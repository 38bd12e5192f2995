// Teaching helpers: checking answers and code exercises, compiler and lint diagnostics, demo runs.
// This file only re-exports.
export * from "./check-answer.js";
export * from "./check-theory.js";
export * from "./compile-errors.js";
export * from "./lint-snippet.js";
export * from "./exercise.js";
export * from "./new-run.js";
export * from "./watch-unhandled.js";
export * from "./run-node.js";
export * from "./fake-op.js";
export * from "./load-page-tests.js";
export * from "./first-success-tests.js";
