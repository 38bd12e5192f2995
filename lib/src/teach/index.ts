// Teaching helpers: checking a reader's answer, showing compiler and lint diagnostics for a snippet,
// running a snippet that needs a newer TypeScript than tslab's.
// This file only re-exports.
export * from "./check-answer.js";
export * from "./compile-errors.js";
export * from "./lint-snippet.js";
export * from "./exercise.js";
export * from "./run-typescript.js";
