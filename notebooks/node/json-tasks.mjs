// Tasks for notebook 11's worker pool: parse a JSON document on a worker, then send back either the
// whole parsed object (copied back to the caller, piece by piece) or only a small summary of it.
export function parseAll(json) {
  return JSON.parse(json);
}

export function summarize(json) {
  const rows = JSON.parse(json);
  return { rows: rows.length, total: rows.reduce((sum, row) => sum + row.total, 0) };
}
