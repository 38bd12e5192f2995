// The async primitives the course teaches: sleeping, aborting, timeouts, retries, limiting,
// worker pools, and a simulated I/O operation built on them (simulate). This file only re-exports.
export * from "./sleep.js";
export * from "./abortable.js";
export * from "./with-timeout.js";
export * from "./retry.js";
export * from "./limiter.js";
export * from "./limit-function.js";
export * from "./pool.js";
export * from "./simulate.js";
