import type { SiteMeta } from '../store/sites.ts'

export type ListedSite = SiteMeta & { id: string }

/** A stable phase per site (minutes into its interval), so due sites spread over the day. */
export function phaseMinutes(siteId: string, intervalMinutes: number): number {
  let h = 2166136261
  for (let i = 0; i < siteId.length; i++) h = Math.imul(h ^ siteId.charCodeAt(i), 16777619)
  return (h >>> 0) % intervalMinutes
}

/**
 * True when a site's scan slot falls in (prevAt, at]. Deciding "due" from the clock alone means an
 * unchanged site needs no "last scanned" write: a scan with nothing new writes nothing.
 */
export function isDue(site: ListedSite, prevAt: number | null, at: number): boolean {
  if (site.status !== 'active') return false
  if (prevAt === null || at - prevAt >= site.intervalMinutes * 60_000) return true
  // A site added since the last run is scanned at once rather than at its first slot.
  if (Date.parse(site.createdAt) > prevAt) return true
  const period = site.intervalMinutes * 60_000
  const phase = phaseMinutes(site.id, site.intervalMinutes) * 60_000
  const slot = (t: number) => Math.floor((t - phase) / period)
  return slot(at) > slot(prevAt)
}

/** Sites after `after` in id order: a stable order lets a run resume after the last id it took. */
export function inIdOrderAfter(sites: ListedSite[], after: string | null): ListedSite[] {
  return sites
    .filter((s) => after === null || s.id > after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Sites due in (prevAt, at], in id order, after `after`. */
export function dueSites(
  sites: ListedSite[],
  prevAt: number | null,
  at: number,
  after: string | null,
) {
  return inIdOrderAfter(
    sites.filter((s) => isDue(s, prevAt, at)),
    after,
  )
}
