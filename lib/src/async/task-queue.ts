// Internal: the limiter's queue. Not exported from the package.

/** What a queued item carries to be its own list node. */
export interface Linked<T> {
  prev: T | undefined;
  next: T | undefined;
}

/**
 * A first-in, first-out queue threaded through its items (a doubly linked list): pushing and
 * taking allocate nothing, an item can leave from the middle in O(1) (an aborted task), and an
 * item that left keeps no link to the others, so nothing it referenced stays alive through it.
 */
export class TaskQueue<T extends Linked<T>> {
  #head: T | undefined;
  #tail: T | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    item.prev = this.#tail;
    item.next = undefined;
    if (this.#tail === undefined) this.#head = item;
    else this.#tail.next = item;
    this.#tail = item;
    this.#size++;
  }

  /** Takes the oldest item, or undefined when empty. */
  shift(): T | undefined {
    const item = this.#head;
    if (item !== undefined) this.remove(item);
    return item;
  }

  /** Takes `item` out, wherever it is; it must be in this queue. */
  remove(item: T): void {
    if (item.prev === undefined) this.#head = item.next;
    else item.prev.next = item.next;
    if (item.next === undefined) this.#tail = item.prev;
    else item.next.prev = item.prev;
    item.prev = item.next = undefined;
    this.#size--;
  }

  /** Empties the queue, returning its items oldest first. */
  drain(): T[] {
    const items: T[] = [];
    while (this.#head !== undefined) items.push(this.shift()!);
    return items;
  }
}
