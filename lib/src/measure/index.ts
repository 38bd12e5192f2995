// Measuring what the runtime does: the time scale, stopwatches, loop health, simulated I/O and CPU work,
// call order, and traces of what the event loop ran (traceLoop).
// This file only re-exports.
export * from "./time.js";
export * from "./measure.js";
export * from "./measure-each.js";
export * from "./block-for.js";
export * from "./simulate.js";
export * from "./count-primes.js";
export * from "./primes-limit-for.js";
export * from "./loop-health.js";
export * from "./peak-pending-promises.js";
export * from "./top-frames.js";
export * from "./record-order.js";
export * from "./stop-after-abort.js";
export * from "./trace-types.js";
export * from "./loop-trace.js";
export * from "./trace-loop.js";
