// Pictures and tables in a notebook: timelines, bar charts, tables, and the rich-display plumbing.
// This file only re-exports.
export * from "./display.js";
export * from "./picture.js";
export * from "./table.js";
export * from "./bar-chart.js";
export * from "./timeline.js";
