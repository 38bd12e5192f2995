// Gemini: the client that runs live with a key or against the local stand-in, and its error helpers.
// This file only re-exports.
export * from "./client.js";
export * from "./error.js";
export * from "./explain.js";
export * from "./limits.js";
export * from "./standin/server.js";
export * from "./version.js";
