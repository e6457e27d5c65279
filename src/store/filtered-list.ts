/**
 * Filtered, resumable listing over one key prefix, read from list() metadata alone.
 *
 * KV's own cursor only resumes after a whole list() call, so a filtered page that fills up in the
 * middle of a batch would lose the rest of that batch. The cursor here is the KV cursor of the
 * batch being read plus how many of its keys were used; the next request lists that batch again
 * (KV cursors can be reused) and skips them.
 */

/** Keys per list() call: KV's maximum. */
const BATCH = 1000

interface Position {
  /** KV cursor of the batch, null for the first one. */
  c: string | null
  /** Keys of that batch already used. */
  s: number
}

/** What `pick` returns to end the listing early: everything after this key is out of range. */
export const STOP = Symbol('stop')

export interface FilteredPage<T> {
  items: T[]
  /** Where to resume, or null when the prefix has been read to its end (or a STOP was seen). */
  cursor: string | null
  /** list() calls spent. */
  calls: number
}

function encode(p: Position): string {
  const bytes = new TextEncoder().encode(JSON.stringify(p))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function decode(cursor: string): Position | null {
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/')
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))
    const p = JSON.parse(json) as Position
    if (typeof p !== 'object' || p === null) return null
    if (
      !(p.c === null || typeof p.c === 'string') ||
      !Number.isInteger(p.s) ||
      p.s < 0 ||
      p.s > BATCH
    ) {
      return null
    }
    return { c: p.c, s: p.s }
  } catch {
    return null
  }
}

/** True when `cursor` is one this module produced (for request validation). */
export function isListCursor(cursor: string): boolean {
  return decode(cursor) !== null
}

/**
 * One page of up to `limit` items picked from the keys under `prefix`, in key order, spending at
 * most `maxCalls` list() calls. When the bound is reached first the page is short (possibly
 * empty) and the cursor says where to go on: callers follow cursors until null. `pick` may also
 * see keys after a full page (a look-ahead within the batch in hand), so it must not count them.
 */
export async function filteredList<M, T>(
  kv: KVNamespace,
  opts: {
    prefix: string
    cursor?: string
    limit: number
    maxCalls: number
    /** Keys per list() call; KV's maximum unless a test wants small batches. */
    batch?: number
    pick: (key: KVNamespaceListKey<M>) => T | null | typeof STOP
  },
): Promise<FilteredPage<T>> {
  let pos: Position = { c: null, s: 0 }
  if (opts.cursor) {
    const p = decode(opts.cursor)
    if (!p) throw new RangeError('invalid list cursor')
    pos = p
  }
  const items: T[] = []
  let calls = 0
  while (calls < opts.maxCalls) {
    const page = await kv.list<M>({
      prefix: opts.prefix,
      cursor: pos.c ?? undefined,
      limit: opts.batch ?? BATCH,
    })
    calls++
    const next: Position | null = page.list_complete ? null : { c: page.cursor, s: 0 }
    for (let i = pos.s; i < page.keys.length; i++) {
      const picked = opts.pick(page.keys[i]!)
      if (picked === STOP) return { items, cursor: null, calls }
      if (picked !== null) items.push(picked)
      if (items.length >= opts.limit) {
        // Look ahead in the batch already read: a last page that is full should not be followed
        // by an empty one just because the batch had keys after it that the filter drops.
        let j = i + 1
        while (j < page.keys.length) {
          const ahead = opts.pick(page.keys[j]!)
          if (ahead === STOP) return { items, cursor: null, calls }
          if (ahead !== null) break
          j++
        }
        const rest = j < page.keys.length ? { c: pos.c, s: j } : next
        return { items, cursor: rest ? encode(rest) : null, calls }
      }
    }
    if (!next) return { items, cursor: null, calls }
    pos = next
  }
  return { items, cursor: encode(pos), calls }
}
