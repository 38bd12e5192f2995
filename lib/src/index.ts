// The course's helpers, one idea per module. This file only re-exports.
export * from "./time.js";
