/**
 * Which URLs the API accepts for sites and for POST /api/analyze: no addresses of private,
 * loopback, link-local or otherwise non-public ranges, so the Worker is never asked to fetch
 * inside a network. Host names are not resolved (Workers have no DNS API); this refuses literals.
 */

type Range = [first: number, bits: number]

const ip4 = (a: number, b: number, c: number, d: number) =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0

/** IPv4 ranges that are not public unicast (RFC 6890 and friends). */
const V4_BLOCKED: Range[] = [
  [ip4(0, 0, 0, 0), 8], // "this network"
  [ip4(10, 0, 0, 0), 8], // private
  [ip4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ip4(127, 0, 0, 0), 8], // loopback
  [ip4(169, 254, 0, 0), 16], // link-local (and cloud metadata endpoints)
  [ip4(172, 16, 0, 0), 12], // private
  [ip4(192, 0, 0, 0), 24], // IETF protocol assignments
  [ip4(192, 168, 0, 0), 16], // private
  [ip4(198, 18, 0, 0), 15], // benchmarking
  [ip4(224, 0, 0, 0), 4], // multicast
  [ip4(240, 0, 0, 0), 4], // reserved and broadcast
]

function v4Blocked(n: number): boolean {
  return V4_BLOCKED.some(([first, bits]) => n >>> (32 - bits) === first >>> (32 - bits))
}

function parseV4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  return ip4(parts[0]!, parts[1]!, parts[2]!, parts[3]!)
}

/** The eight 16-bit groups of a WHATWG-serialised IPv6 host (`[...]`, hex, `::` compressed). */
function parseV6(host: string): number[] | null {
  if (!host.startsWith('[') || !host.endsWith(']')) return null
  const inner = host.slice(1, -1)
  const [head, tail] = inner.includes('::') ? inner.split('::') : [inner, null]
  const a = head ? head.split(':') : []
  const b = tail ? tail.split(':') : []
  const fill = tail === null ? 0 : 8 - a.length - b.length
  const groups = [...a, ...Array<string>(Math.max(0, fill)).fill('0'), ...b].map((g) =>
    parseInt(g, 16),
  )
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null
}

function v6Blocked(g: number[]): boolean {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0)
  if (zeroUpTo(7) && (g[7] === 0 || g[7] === 1)) return true // :: and ::1
  const embedded = ((g[6]! << 16) | g[7]!) >>> 0
  if (zeroUpTo(5) && g[5] === 0xffff) return v4Blocked(embedded) // IPv4-mapped
  if (zeroUpTo(6)) return v4Blocked(embedded) // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return v4Blocked(embedded) // NAT64
  if ((g[0]! & 0xfe00) === 0xfc00) return true // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return true // link-local fe80::/10
  if ((g[0]! & 0xffc0) === 0xfec0) return true // site-local (deprecated) fec0::/10
  if ((g[0]! & 0xff00) === 0xff00) return true // multicast
  return false
}

/**
 * Why a URL's host may not be fetched, or null when it may. `new URL()` has already normalised
 * IPv4 spellings such as `0x7f.1` or `2130706433` to dotted decimal and IPv6 to its short form.
 */
export function blockedHostReason(url: URL): string | null {
  const host = url.hostname.toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost is not allowed'
  const v4 = parseV4(host)
  if (v4 !== null)
    return v4Blocked(v4) ? 'private, loopback or link-local addresses are not allowed' : null
  const v6 = parseV6(host)
  if (v6 !== null)
    return v6Blocked(v6) ? 'private, loopback or link-local addresses are not allowed' : null
  return null
}
