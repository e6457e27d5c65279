/**
 * Reads a response body as a stream, keeping at most `cap` bytes, and cancels the stream as soon
 * as it stops reading, so an oversized, decompressed or endless body never sits in memory.
 */

export interface CappedRead {
  /** The bytes kept: at most `cap`. */
  data: Uint8Array
  /** True when the stream was read to its end. */
  ended: boolean
  /** True when the body had more than `cap` bytes. */
  overflow: boolean
  /** What `stopWhen` returned when it stopped the read early. */
  stopped: string | null
  /** What a read threw (reset, abort, deadline); `data` then holds what arrived before. */
  error?: unknown
}

export interface ReadCappedOptions {
  cap: number
  /** Wraps every pending read so a deadline can interrupt it. */
  wait?: <T>(p: Promise<T>) => Promise<T>
  /** Called once with the first `sniffBytes` bytes (fewer at the end); a string stops the read. */
  stopWhen?: (head: Uint8Array) => string | null
  sniffBytes?: number
}

/**
 * Reads `body` up to `opts.cap` bytes. Never throws: a failing read is returned as `error` with the
 * bytes that arrived before it. The stream is cancelled whenever it was not read to its end.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  opts: ReadCappedOptions,
): Promise<CappedRead> {
  if (!body) return { data: new Uint8Array(0), ended: true, overflow: false, stopped: null }
  const wait = opts.wait ?? (<T>(p: Promise<T>) => p)
  const sniffBytes = opts.sniffBytes ?? 0
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  let ended = false
  let overflow = false
  let stopped: string | null = null
  let sniffed = !opts.stopWhen
  let error: unknown
  try {
    while (true) {
      const r = await wait(reader.read())
      if (r.done) {
        ended = true
        break
      }
      const chunk = r.value
      if (chunk.byteLength === 0) continue
      if (total >= opts.cap) {
        // Exactly `cap` bytes were kept and more arrived: the body is larger than the cap.
        overflow = true
        break
      }
      const room = opts.cap - total
      const kept = chunk.byteLength > room ? chunk.subarray(0, room) : chunk
      chunks.push(kept)
      total += kept.byteLength
      if (chunk.byteLength > room) overflow = true
      if (!sniffed && total >= sniffBytes) {
        sniffed = true
        stopped = opts.stopWhen!(concat(chunks, total))
        if (stopped) break
      }
      if (overflow) break
    }
    if (!sniffed && ended) stopped = opts.stopWhen!(concat(chunks, total))
  } catch (e) {
    error = e ?? new Error('body read failed')
  } finally {
    if (!ended) {
      // Not awaited: a stalled peer must not hold the fetch past its deadline.
      reader.cancel().catch(() => {})
    }
  }
  const data = concat(chunks, total)
  return error === undefined
    ? { data, ended, overflow, stopped }
    : { data, ended, overflow, stopped, error }
}

/** Joins the chunks, keeping the joined copy as the only chunk so a later join is free. */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  chunks.length = 0
  if (total > 0) chunks.push(out)
  return out
}
