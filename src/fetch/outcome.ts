/**
 * What one polite fetch of a candidate page produced. The fetcher never throws for page problems:
 * every failure is one of these outcomes, so a scan can record it and move on.
 */

/** One redirect response that was received (followed or not). URLs are the original host names. */
export interface RedirectHop {
  /** The URL that answered with a redirect. */
  url: string
  status: number
  /** The Location header resolved against `url` (as received when it could not be parsed). */
  location: string
}

/** Fields every outcome carries. */
export interface FetchBase {
  /** The URL asked for, as given. */
  url: string
  /** The last URL requested (after the redirects that were followed); `url` when none were. */
  finalUrl: string
  redirects: RedirectHop[]
  /** Status of the last response, when one arrived. */
  status?: number
  /** A safe subset of the last response's headers, lower-case names, values capped at 512 chars. */
  headers: Record<string, string>
  /** Body bytes kept (decoded of any content-encoding); see each outcome for how many. */
  body?: Uint8Array
  /** Body bytes read and kept (the length of `body` when there is one). */
  bytes: number
  /** True when the body was not read to its end (size cap, sniffed binary, timeout, error). */
  truncated: boolean
  elapsedMs: number
  /** ISO timestamp of the start of the fetch. */
  fetchedAt: string
  /** Short human-readable message for failures. */
  error?: string
}

/** A 2xx HTML-ish page read to its end. */
export interface FetchOk extends FetchBase {
  outcome: 'ok'
  status: number
  body: Uint8Array
  truncated: false
}

/** A 2xx page larger than maxBytes: `body` holds exactly the first maxBytes bytes. */
export interface FetchTooLarge extends FetchBase {
  outcome: 'too-large'
  status: number
  body: Uint8Array
  truncated: true
}

/** A 2xx response that is not a page: by content-type (nothing read) or by magic bytes. */
export interface FetchNotHtml extends FetchBase {
  outcome: 'not-html'
  status: number
  /** The bytes read before deciding (empty when the content-type decided), small-capped. */
  body: Uint8Array
  reason: 'content-type' | 'magic'
  /** What the first bytes looked like ('png', 'pdf', ...) or the content-type's media type. */
  kind: string
}

/** A bot challenge or similar wall: there is nothing to judge. */
export interface FetchBlocked extends FetchBase {
  outcome: 'blocked'
  status: number
  /** The challenge page (small-capped) as evidence. */
  body: Uint8Array
  /** Which header or body marker gave it away, e.g. 'cf-mitigated: challenge'. */
  reason: string
}

/** A 4xx/5xx (or a 3xx without Location). `body` is small-capped. */
export interface FetchHttpError extends FetchBase {
  outcome: 'http-error'
  status: number
  body: Uint8Array
}

/** The deadline (headers and body together) passed. */
export interface FetchTimeout extends FetchBase {
  outcome: 'timeout'
  phase: 'headers' | 'body'
}

/** DNS, refused, reset, bad URL, or a redirect to a scheme other than http/https. */
export interface FetchNetworkError extends FetchBase {
  outcome: 'network-error'
  reason: 'connection' | 'bad-url' | 'unsupported-scheme' | 'bad-redirect' | 'internal'
  error: string
}

/** A redirect chain that repeats a URL or runs past maxRedirects. */
export interface FetchRedirectLoop extends FetchBase {
  outcome: 'redirect-loop'
  reason: 'loop' | 'too-many-redirects'
  status: number
}

export type FetchOutcome =
  | FetchOk
  | FetchTooLarge
  | FetchNotHtml
  | FetchBlocked
  | FetchHttpError
  | FetchTimeout
  | FetchNetworkError
  | FetchRedirectLoop

export type FetchOutcomeKind = FetchOutcome['outcome']

/** Transport rewrite used in local development (see host-override.ts). */
export interface HostOverride {
  /** The loopback origin every request is sent to, e.g. http://127.0.0.1:8790. */
  readonly origin: string
  /** The transport URL for an original URL: https://a.test/p?q -> <origin>/__host/a.test/p?q. */
  rewrite(url: URL): URL
  /**
   * The original URL for a transport URL (a Location that names the override origin itself), using
   * the scheme of `like`; any other URL is returned unchanged.
   */
  restore(url: URL, like: URL): URL
}

export interface FetchOptions {
  /** Deadline for headers and body together, all hops included. */
  timeoutMs?: number
  /** Largest body kept for a page. */
  maxBytes?: number
  /** Largest body kept for error, blocked and not-html responses (evidence only). */
  maxEvidenceBytes?: number
  maxRedirects?: number
  userAgent?: string
  override?: HostOverride | null
  /** For tests only; defaults to globalThis.fetch. */
  fetchImpl?: typeof fetch
  now?: () => number
}
