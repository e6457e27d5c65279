/**
 * The polite fetcher: the only module that calls fetch() for candidate pages. One call fetches one
 * page under a deadline and a byte cap, follows redirects by hand, and reports what happened as a
 * FetchOutcome. It never throws for page problems.
 */
import { detectBlock, isNotPageType, mediaType, SNIFF_BYTES, sniffBinary } from './classify.ts'
import type { FetchBase, FetchOptions, FetchOutcome, HostOverride, RedirectHop } from './outcome.ts'
import { readCapped, type CappedRead } from './read-capped.ts'

export type * from './outcome.ts'

/** A Free-plan invocation's wall time is shared by up to 6 fetches in flight. */
export const DEFAULT_TIMEOUT_MS = 10_000
/** 6 pages in flight must fit the 128 MB isolate, and one page must fit a KV evidence value. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024
/** Error and challenge pages are kept as evidence only; 32 KiB shows what the site said. */
export const DEFAULT_MAX_EVIDENCE_BYTES = 32 * 1024
export const DEFAULT_MAX_REDIRECTS = 10
export const DEFAULT_USER_AGENT =
  'successor-watch/0.1 (+https://github.com/successor-watch; rights-enforcement monitor)'

/** Only these headers are kept: extraction and evidence need them, and none is a secret. */
export const SAFE_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'last-modified',
  'etag',
  'server',
  'location',
  'cf-mitigated',
  'x-powered-by',
  'date',
] as const
/** Header values are stored with alerts; a hostile server must not bloat KV values. */
const HEADER_VALUE_CAP = 512
/** Same for redirect targets recorded in the chain (a data: URL can be megabytes long). */
const LOCATION_CAP = 2048
/** Error messages end up in run records. */
const ERROR_CAP = 200

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1'

/**
 * Fetches one candidate page. `url` must be http(s). Redirects are followed by hand up to
 * maxRedirects, and every URL reported (url, redirect chain, finalUrl) is an original URL even
 * when a host override carries the traffic. The deadline covers all hops, headers and body.
 */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<FetchOutcome> {
  const now = opts.now ?? Date.now
  const started = now()
  const base: FetchBase = {
    url,
    finalUrl: url,
    redirects: [],
    headers: {},
    bytes: 0,
    truncated: false,
    elapsedMs: 0,
    fetchedAt: isoTime(started),
  }
  const deadline = createDeadline(positive(opts.timeoutMs, DEFAULT_TIMEOUT_MS))
  const finish = <T extends object>(extra: T): FetchBase & T => ({
    ...base,
    elapsedMs: Math.max(0, now() - started),
    ...extra,
  })
  try {
    return await run(url, opts, base, deadline, finish)
  } catch (e) {
    // Only a bug or a broken fetchImpl gets here; the caller still gets an outcome, not a throw.
    return finish({
      outcome: 'network-error' as const,
      reason: 'internal' as const,
      error: message(e),
    })
  } finally {
    deadline.clear()
  }
}

type Finish = <T extends object>(extra: T) => FetchBase & T

async function run(
  url: string,
  opts: FetchOptions,
  base: FetchBase,
  deadline: Deadline,
  finish: Finish,
): Promise<FetchOutcome> {
  const fetchImpl = opts.fetchImpl ?? globalThis.fetch
  const override: HostOverride | null = opts.override ?? null
  const maxBytes = positive(opts.maxBytes, DEFAULT_MAX_BYTES)
  const evidenceCap = Math.min(
    maxBytes,
    positive(opts.maxEvidenceBytes, DEFAULT_MAX_EVIDENCE_BYTES),
  )
  const maxRedirects = Math.max(0, Math.floor(opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS))
  const headers = { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, accept: ACCEPT }

  let current: URL
  try {
    current = new URL(url)
  } catch {
    return finish({ outcome: 'network-error', reason: 'bad-url', error: 'not a URL' } as const)
  }
  if (!isHttp(current)) {
    return finish({
      outcome: 'network-error',
      reason: 'unsupported-scheme',
      error: `unsupported scheme ${current.protocol}`,
    } as const)
  }
  const seen = new Set([loopKey(current)])

  let res: Response
  while (true) {
    const target = override ? override.rewrite(current) : current
    try {
      res = await deadline.wait(
        fetchImpl(target.href, {
          method: 'GET',
          redirect: 'manual',
          headers,
          signal: deadline.signal,
        }),
      )
    } catch (e) {
      return failure(e, 'headers', deadline, finish)
    }
    base.status = res.status
    base.headers = safeHeaders(res.headers)
    const location = res.headers.get('location')
    if (!isRedirect(res.status) || location === null) break

    // A redirect body is never read; cancelling frees the connection for the next hop.
    res.body?.cancel().catch(() => {})
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      base.redirects.push({
        url: current.href,
        status: res.status,
        location: cap(location, LOCATION_CAP),
      })
      return finish({
        outcome: 'network-error',
        reason: 'bad-redirect',
        error: 'unparsable Location header',
      } as const)
    }
    if (override) next = override.restore(next, current)
    base.redirects.push({
      url: current.href,
      status: res.status,
      location: cap(next.href, LOCATION_CAP),
    })
    if (!isHttp(next)) {
      return finish({
        outcome: 'network-error',
        reason: 'unsupported-scheme',
        error: `redirect to unsupported scheme ${next.protocol}`,
      } as const)
    }
    const key = loopKey(next)
    if (seen.has(key)) {
      return finish({
        outcome: 'redirect-loop',
        reason: 'loop',
        status: res.status,
        error: `redirect loop back to ${cap(next.href, ERROR_CAP - 30)}`,
      } as const)
    }
    if (base.redirects.length > maxRedirects) {
      return finish({
        outcome: 'redirect-loop',
        reason: 'too-many-redirects',
        status: res.status,
        error: `more than ${maxRedirects} redirects`,
      } as const)
    }
    seen.add(key)
    current = next
    base.finalUrl = current.href
  }

  const status = res.status
  const type = base.headers['content-type']

  if (status < 200 || status > 299 || base.headers['cf-mitigated']) {
    const read = await readCapped(res.body, { cap: evidenceCap, wait: deadline.wait })
    if (read.error !== undefined) return failure(read.error, 'body', deadline, finish, read)
    const body = read.data
    const page = { status, body, bytes: body.byteLength, truncated: !read.ended }
    const reason = detectBlock(status, base.headers, body)
    if (reason) return finish({ outcome: 'blocked', reason, ...page } as const)
    return finish({ outcome: 'http-error', error: `HTTP ${status}`, ...page } as const)
  }

  if (isNotPageType(type)) {
    res.body?.cancel().catch(() => {})
    return finish({
      outcome: 'not-html',
      reason: 'content-type',
      kind: mediaType(type),
      status,
      body: new Uint8Array(0),
      truncated: res.body !== null,
    } as const)
  }

  const read = await readCapped(res.body, {
    cap: maxBytes,
    wait: deadline.wait,
    sniffBytes: SNIFF_BYTES,
    stopWhen: sniffBinary,
  })
  if (read.error !== undefined) return failure(read.error, 'body', deadline, finish, read)
  if (read.stopped) {
    const body = read.data.slice(0, evidenceCap)
    return finish({
      outcome: 'not-html',
      reason: 'magic',
      kind: read.stopped,
      status,
      body,
      bytes: body.byteLength,
      truncated: !read.ended || body.byteLength < read.data.byteLength,
    } as const)
  }
  const body = read.data
  if (read.overflow) {
    return finish({
      outcome: 'too-large',
      status,
      body,
      bytes: body.byteLength,
      truncated: true,
      error: `body larger than ${maxBytes} bytes`,
    } as const)
  }
  const reason = detectBlock(status, base.headers, body)
  if (reason) {
    const evidence = body.slice(0, evidenceCap)
    return finish({
      outcome: 'blocked',
      reason,
      status,
      body: evidence,
      bytes: evidence.byteLength,
      truncated: evidence.byteLength < body.byteLength,
    } as const)
  }
  return finish({ outcome: 'ok', status, body, bytes: body.byteLength, truncated: false } as const)
}

/** A thrown fetch or read becomes a timeout (deadline passed) or a network error. */
function failure(
  e: unknown,
  phase: 'headers' | 'body',
  deadline: Deadline,
  finish: Finish,
  read?: CappedRead,
): FetchOutcome {
  const partial = read ? { bytes: read.data.byteLength, truncated: true } : {}
  if (deadline.expired) {
    return finish({
      outcome: 'timeout',
      phase,
      error: `no ${phase === 'headers' ? 'response' : 'complete body'} within ${deadline.ms} ms`,
      ...partial,
    } as const)
  }
  return finish({
    outcome: 'network-error',
    reason: 'connection',
    error: message(e),
    ...partial,
  } as const)
}

interface Deadline {
  readonly ms: number
  readonly signal: AbortSignal
  readonly expired: boolean
  /** Resolves like `p`, or rejects once the deadline passes, whichever comes first. */
  wait<T>(p: Promise<T>): Promise<T>
  clear(): void
}

/**
 * One deadline for the whole fetch. The abort signal stops the subrequest; racing every await as
 * well guarantees the deadline even if a runtime does not propagate the abort into a body stream.
 */
function createDeadline(ms: number): Deadline {
  const controller = new AbortController()
  let expired = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const gate = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true
      const err = new Error(`deadline of ${ms} ms passed`)
      reject(err)
      controller.abort(err)
    }, ms)
  })
  gate.catch(() => {})
  return {
    ms,
    signal: controller.signal,
    get expired() {
      return expired
    },
    wait<T>(p: Promise<T>): Promise<T> {
      // The loser of the race may reject later (an aborted fetch); that must not go unhandled.
      p.catch(() => {})
      return Promise.race([p, gate])
    },
    clear() {
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}

function isHttp(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:'
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

/** URLs that name the same resource for loop detection: the fragment never reaches the server. */
function loopKey(u: URL): string {
  const k = new URL(u.href)
  k.hash = ''
  return k.href
}

function safeHeaders(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of SAFE_HEADERS) {
    const v = h.get(name)
    if (v !== null) out[name] = cap(v, HEADER_VALUE_CAP)
  }
  return out
}

function cap(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback
}

function message(e: unknown): string {
  const m = e instanceof Error ? e.message || e.name : String(e)
  return cap(m || 'unknown error', ERROR_CAP)
}

function isoTime(ms: number): string {
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString()
}
