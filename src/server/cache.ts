/**
 * Answers kept by request, for `serve`: the same question asked again (a
 * dashboard reloaded, many analysts on one view) is answered from memory
 * while the database has not changed. Each answer is kept with the store's
 * version (`Store.version`, moved on by every write that changes anything, in
 * any process); an answer is given again only while the version is the same,
 * so a cached answer is never older than the data. Bounded by bytes, least
 * recently used first out.
 */

export interface CachedAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: ArrayBuffer;
}

export interface ResponseCacheOptions {
  /** The most bytes of bodies kept in all (default 64 MiB). */
  maxBytes?: number;
  /** The largest body kept (default a sixteenth of maxBytes). */
  maxEntryBytes?: number;
}

export class ResponseCache {
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  /** In use order, least recent first (a Map keeps insertion order). */
  private readonly answers = new Map<string, CachedAnswer>();
  private bytes = 0;
  /** The store version the kept answers belong to. */
  private version: number | null = null;
  hits = 0;
  misses = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? Math.floor(this.maxBytes / 16);
  }

  /** The answer kept for `key` while the store is at `version`; every answer is dropped when it has moved on. */
  get(key: string, version: number): CachedAnswer | undefined {
    if (version !== this.version) {
      this.clear();
      this.version = version;
    }
    const found = this.answers.get(key);
    if (!found) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // most recently used last
    this.answers.delete(key);
    this.answers.set(key, found);
    return found;
  }

  /** Keeps an answer made at `version` (an answer made while the store moved on is not kept). */
  set(key: string, version: number, answer: CachedAnswer): void {
    if (version !== this.version || answer.body.byteLength > this.maxEntryBytes) return;
    const old = this.answers.get(key);
    if (old) {
      this.answers.delete(key);
      this.bytes -= old.body.byteLength;
    }
    this.answers.set(key, answer);
    this.bytes += answer.body.byteLength;
    for (const [k, a] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(k);
      this.bytes -= a.body.byteLength;
    }
  }

  get size(): number {
    return this.answers.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.answers.clear();
    this.bytes = 0;
  }
}
