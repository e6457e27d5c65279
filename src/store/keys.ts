/**
 * Every KV key this Worker writes, in one place. The table in src/store/README.md documents each
 * prefix; change both together.
 */

/** Largest millisecond timestamp we will see; subtracting from it makes newer keys sort first. */
const MAX_TS = 9_999_999_999_999

/** A 13-digit inverted timestamp: KV lists keys in ascending order, so newest comes first. */
export function newestFirst(ms: number): string {
  return String(MAX_TS - ms).padStart(13, '0')
}

/** Recovers the time from an inverted timestamp. */
export function fromNewestFirst(s: string): number {
  return MAX_TS - Number(s)
}

export const keys = {
  site: (siteId: string) => `site:${siteId}`,
  sitePrefix: 'site:',
  state: (siteId: string) => `state:${siteId}`,
  alert: (alertId: string) => `alert:${alertId}`,
  alertIndex: (createdAt: number, alertId: string) => `alerts:${newestFirst(createdAt)}:${alertId}`,
  alertIndexPrefix: 'alerts:',
  suppress: (siteId: string) => `suppress:${siteId}`,
  evidence: (sha256: string) => `evidence:${sha256}`,
  run: (runId: string) => `run:${runId}`,
  runPrefix: 'run:',
  cursor: 'scan:cursor',
  seeded: 'meta:seeded',
} as const

/** Lower-case hex SHA-256 of a string or bytes (Web Crypto: same in workerd and Node). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
