/**
 * Cheap decisions the fetcher makes from headers and the first bytes of a body: is it a page at
 * all, and is it a bot wall rather than the site. No parsing: prefix tests and substring search.
 */

/** Bytes a sniff needs: the longest signature below plus its offset. */
export const SNIFF_BYTES = 12

/** Content types read as pages; octet-stream and a missing type are read and then sniffed. */
const PAGE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/octet-stream',
  '',
])

/** The media type of a content-type header, lower-case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** True when the content-type alone says this is not a page worth reading. */
export function isNotPageType(contentType: string | undefined): boolean {
  return !PAGE_TYPES.has(mediaType(contentType))
}

const MAGIC: Array<[kind: string, offset: number, bytes: number[]]> = [
  ['png', 0, [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', 0, [0xff, 0xd8, 0xff]],
  ['gif', 0, [0x47, 0x49, 0x46, 0x38]],
  ['pdf', 0, [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['zip', 0, [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', 0, [0x1f, 0x8b]],
  ['id3', 0, [0x49, 0x44, 0x33]],
  ['ogg', 0, [0x4f, 0x67, 0x67, 0x53]],
  ['flac', 0, [0x66, 0x4c, 0x61, 0x43]],
  ['riff', 0, [0x52, 0x49, 0x46, 0x46]],
  ['rar', 0, [0x52, 0x61, 0x72, 0x21]],
  ['mp4', 4, [0x66, 0x74, 0x79, 0x70]],
]

/** The binary format the first bytes announce ('png', 'pdf', ...), or null for anything else. */
export function sniffBinary(head: Uint8Array): string | null {
  for (const [kind, offset, sig] of MAGIC) {
    if (head.length < offset + sig.length) continue
    if (sig.every((b, i) => head[offset + i] === b)) return kind
  }
  return null
}

/** How much of a body the challenge check looks at: challenge pages put their markers early. */
export const BLOCK_SCAN_BYTES = 16 * 1024

/** Found only on challenge pages, so they count whatever the status. */
const STRONG_MARKERS = [
  '<title>just a moment...</title>',
  'window._cf_chl_opt',
  'cf-browser-verification',
]

/**
 * Count only with a 403/429/503. (Cloudflare also injects /cdn-cgi/challenge-platform/ scripts
 * into ordinary pages, so that path alone is never enough.)
 */
const WEAK_MARKERS = [
  'just a moment',
  'checking your browser',
  'attention required! | cloudflare',
  'cloudflare to restrict access',
  'verify you are human',
  'ddos-guard',
  'captcha',
]

const WALL_STATUSES = new Set([403, 429, 503])

const utf8 = new TextDecoder('utf-8')

/**
 * Why this response looks like a bot wall, or null. `headers` are lower-case; `head` is the start
 * of the body (only its first BLOCK_SCAN_BYTES are looked at).
 */
export function detectBlock(
  status: number,
  headers: Record<string, string>,
  head: Uint8Array,
): string | null {
  const mitigated = headers['cf-mitigated']
  if (mitigated) return `cf-mitigated: ${mitigated.slice(0, 40)}`
  const text = utf8.decode(head.subarray(0, BLOCK_SCAN_BYTES)).toLowerCase()
  for (const m of STRONG_MARKERS) if (text.includes(m)) return `marker: ${m}`
  if (!WALL_STATUSES.has(status)) return null
  for (const m of WEAK_MARKERS) if (text.includes(m)) return `marker: ${m}`
  const server = (headers['server'] ?? '').toLowerCase()
  if (status !== 503 && /ddos-guard|cloudflare/.test(server) && text.length === 0) {
    return `${status} from ${server.slice(0, 40)} with an empty body`
  }
  return null
}
