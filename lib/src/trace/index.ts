// The loop tracer: traceLoop runs your code and records, with async_hooks, every callback the
// event loop ran for it (trace-recorder, trace-steps), and LoopTrace draws the steps as a
// filmstrip of the call stack and the queues (trace-picture, trace-text). It stands above
// measure/ and show/ and may import from both; neither imports from here.
// This file only re-exports.
export * from "./trace-types.js";
export * from "./loop-trace.js";
export * from "./trace-loop.js";
