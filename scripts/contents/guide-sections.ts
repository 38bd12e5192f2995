// Where each section of the Python asyncio guide is taught in the course: the index and the site
// print this map for readers who arrive with the guide in hand.

/** One section of the guide and the course notebooks (file names) that teach it. */
export interface GuideSection {
  /** The guide's heading, as the guide words it. */
  section: string;
  /** Notebook files in reading order, e.g. "04-running-together.ipynb". */
  notebooks: string[];
}

export const GUIDE_SECTIONS: GuideSection[] = [
  { section: "Synchronous vs Asynchronous", notebooks: ["01-why-async.ipynb"] },
  { section: "Coroutines and await", notebooks: ["02-promises-and-async-functions.ipynb"] },
  { section: "Event Loop", notebooks: ["03-event-loop-order.ipynb"] },
  {
    section: "Tasks",
    notebooks: ["02-promises-and-async-functions.ipynb", "04-running-together.ipynb"],
  },
  { section: "async_basic.py: basic async concepts", notebooks: ["04-running-together.ipynb"] },
  {
    section: "async_api_call.py: a real-world API example",
    notebooks: ["05-calling-gemini.ipynb", "06-surviving-a-real-api.ipynb"],
  },
  {
    section: "async_multi_thread.py: async vs threading",
    notebooks: ["07-async-vs-threads.ipynb"],
  },
  { section: "Best Practices", notebooks: ["08-best-practices.ipynb"] },
  {
    section: "Common Pitfalls",
    notebooks: ["09-common-pitfalls.ipynb", "10-cancellation-and-deadlines.ipynb"],
  },
  { section: "When to Use Async", notebooks: ["11-when-to-use-async.ipynb"] },
  {
    section: "Performance Tips",
    notebooks: ["12-performance-tips.ipynb", "01-why-async.ipynb"],
  },
];
