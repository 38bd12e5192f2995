// Teaching helpers: checking a reader's answer, showing compiler and lint diagnostics for a snippet.
// This file only re-exports.
export * from "./check-answer.js";
export * from "./compile-errors.js";
export * from "./lint-snippet.js";
export * from "./exercise.js";
export * from "./run-node.js";
