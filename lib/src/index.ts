// The course's helpers, grouped by concern (see lib/README.md). This file only re-exports.
export * from "./async/index.js";
export * from "./measure/index.js";
export * from "./show/index.js";
export * from "./trace/index.js";
export * from "./teach/index.js";
export * from "./gemini/index.js";
