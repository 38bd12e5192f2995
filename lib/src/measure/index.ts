// Measuring what the runtime does: the time scale, stopwatches, CPU work, loop health, pending
// promises, hot stack frames, and the order callbacks ran in. The ground floor: nothing here
// imports from the other folders. This file only re-exports.
export * from "./time.js";
export * from "./measure.js";
export * from "./measure-each.js";
export * from "./block-for.js";
export * from "./count-primes.js";
export * from "./primes-limit-for.js";
export * from "./loop-health.js";
export * from "./trials.js";
export * from "./peak-pending-promises.js";
export * from "./top-frames.js";
export * from "./profile-since.js";
export * from "./record-order.js";
export * from "./ran-before-timer.js";
