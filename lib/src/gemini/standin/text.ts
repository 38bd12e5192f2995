/**
 * Deterministic text for the Gemini stand-in: replies, token counts and embeddings that depend only
 * on their input, so a notebook prints the same thing on every run.
 */

const OPENERS = [
  "Here is a short answer to",
  "A brief take on",
  "In a few sentences, on",
  "Thinking about",
];

const SENTENCES = [
  "Start the independent pieces of work first, then await them together.",
  "The event loop stays free while a request is in flight, so other work can run.",
  "Waiting is cheap; blocking the only thread is what makes a program slow.",
  "When calls do not depend on each other, the total time is close to the slowest one.",
  "A limit on concurrency keeps a fast client from overwhelming a slow service.",
  "Retries with growing, jittered delays turn most transient failures into successes.",
  "A timeout is a promise that the caller will not wait forever.",
  "Cancellation should reach every timer and socket the work started.",
  "Measure before and after: the numbers settle arguments that intuition cannot.",
  "Streaming shows the first words early, even when the whole answer takes as long.",
  "Errors are values too: catch them where you can say something useful about them.",
  "Small, composable helpers beat one clever function that does everything.",
];

/**
 * Hashes a string to an unsigned 32-bit integer (FNV-1a).
 * @param text Any string.
 * @returns The same number for the same text.
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Estimates tokens the way the real tokenizer roughly does for English: about four characters each.
 * @param text The text to count.
 * @returns 0 for empty text, else at least 1.
 */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/**
 * Composes a readable, deterministic reply to a prompt, split into sentences.
 * @param prompt The user's text.
 * @returns Two to four sentences; the same prompt always gets the same ones.
 */
export function composeReplySentences(prompt: string): string[] {
  const hash = hashText(prompt);
  const topic = prompt.replace(/\s+/g, " ").trim();
  const shortTopic = topic.length > 60 ? `${topic.slice(0, 57)}...` : topic;
  const opener = OPENERS[hash % OPENERS.length] ?? OPENERS[0];
  const sentences = [`${opener} "${shortTopic}" (from the offline stand-in):`];
  const count = 2 + ((hash >>> 8) % 3);
  for (let i = 0; i < count; i++) {
    // Step by a number coprime with the bank's size so no sentence repeats within one reply.
    const pick = SENTENCES[((hash >>> 16) + i * 5) % SENTENCES.length];
    if (pick !== undefined) sentences.push(pick);
  }
  return sentences;
}

/** Embedding size of gemini-embedding-001 without `outputDimensionality`. */
export const EMBEDDING_DIMENSIONS = 3072;

// Matryoshka-style blocks: every 128 values hash every word afresh, so any prefix still separates
// texts, as the real model's truncated embeddings do.
const BLOCK = 128;

/**
 * Embeds text by feature hashing its words into each 128-value block, normalising the whole
 * 3072-value vector, then keeping its first `dimensions` values. Like gemini-embedding-001, only the
 * full size is a unit vector: a shorter one must be normalised before comparing by dot product.
 * @param text The text to embed.
 * @param dimensions The vector length, 1 to 3072.
 * @returns The vector; texts sharing words point the same way (all zeros without words).
 */
export function embedText(text: string, dimensions: number): number[] {
  const values = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (let block = 0; block < EMBEDDING_DIMENSIONS / BLOCK; block++) {
      const hash = hashText(`${block}:${word}`);
      const index = block * BLOCK + (hash % BLOCK);
      values[index] = (values[index] ?? 0) + (hash & 0x80000000 ? -1 : 1);
    }
  }
  const norm = Math.hypot(...values);
  const unit = norm === 0 ? values : values.map((value) => Number((value / norm).toFixed(6)));
  return unit.slice(0, dimensions);
}
