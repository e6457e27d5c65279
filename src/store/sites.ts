import { filteredList, type FilteredPage } from './filtered-list.ts'
import { keys, sha256Hex } from './keys.ts'

export type SiteStatus = 'active' | 'paused'

/** A candidate site on the watch list. */
export interface Site {
  id: string
  url: string
  host: string
  label: string
  tags: string[]
  /** Minutes between scans. */
  intervalMinutes: number
  status: SiteStatus
  createdAt: string
  /** How the site entered the list: 'seed', 'api', or 'moved:<siteId>' when found by move detection. */
  source: string
}

/** What list() returns per site without a get: kept under KV's 1 KiB metadata limit. */
export type SiteMeta = Pick<Site, 'host' | 'label' | 'status' | 'intervalMinutes' | 'createdAt'> & {
  tags: string
}

export interface NewSite {
  url: string
  label?: string
  tags?: string[]
  intervalMinutes?: number
  source?: string
}

/** The fields of a site that can be changed after it was added. */
export type SitePatch = Partial<Pick<Site, 'label' | 'tags' | 'intervalMinutes' | 'status'>>

/** Default scan interval: daily, which is what analysts asked for and what KV's free writes allow. */
export const DEFAULT_INTERVAL_MINUTES = 24 * 60

/** The normalised form two site URLs share when they are the same site: host and path, no scheme. */
export function normaliseSiteUrl(raw: string): string {
  const u = new URL(raw)
  const host = u.hostname.toLowerCase().replace(/^www\./, '')
  const path = u.pathname.replace(/\/+$/, '') || '/'
  return `${host}${path}${u.search}`
}

/** Site ids are derived from the normalised URL, so adding the same site twice is detectable. */
export async function siteIdFor(url: string): Promise<string> {
  return 's_' + (await sha256Hex(normaliseSiteUrl(url))).slice(0, 16)
}

function metaOf(s: Site): SiteMeta {
  return {
    host: s.host,
    label: s.label.slice(0, 200),
    status: s.status,
    intervalMinutes: s.intervalMinutes,
    createdAt: s.createdAt,
    tags: s.tags.join(',').slice(0, 400),
  }
}

/** The watch list in KV (`site:` keys). */
export class SiteStore {
  constructor(private readonly kv: KVNamespace) {}

  async get(id: string): Promise<Site | null> {
    return this.kv.get<Site>(keys.site(id), 'json')
  }

  async put(site: Site): Promise<void> {
    await this.kv.put(keys.site(site.id), JSON.stringify(site), { metadata: metaOf(site) })
  }

  /** Builds a Site record for a URL (not stored). */
  async build(input: NewSite, now: Date): Promise<Site> {
    const u = new URL(input.url)
    return {
      id: await siteIdFor(input.url),
      url: u.toString(),
      host: u.hostname.toLowerCase(),
      label: input.label ?? u.hostname,
      tags: input.tags ?? [],
      intervalMinutes: input.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
      status: 'active',
      createdAt: now.toISOString(),
      source: input.source ?? 'api',
    }
  }

  /** Adds a site unless one with the same normalised URL exists; returns it and whether it was new. */
  async add(input: NewSite, now: Date): Promise<{ site: Site; created: boolean }> {
    const site = await this.build(input, now)
    const existing = await this.get(site.id)
    if (existing) return { site: existing, created: false }
    await this.put(site)
    return { site, created: true }
  }

  async delete(id: string): Promise<void> {
    await this.kv.delete(keys.site(id))
  }

  /**
   * Changes the editable fields of a site (never its URL: the id is derived from it) and stores
   * it with fresh metadata. Returns the new record, or null when there is no such site.
   */
  async update(id: string, patch: SitePatch): Promise<Site | null> {
    const site = await this.get(id)
    if (!site) return null
    const next: Site = { ...site }
    if (patch.label !== undefined) next.label = patch.label
    if (patch.tags !== undefined) next.tags = patch.tags
    if (patch.intervalMinutes !== undefined) next.intervalMinutes = patch.intervalMinutes
    if (patch.status !== undefined) next.status = patch.status
    await this.put(next)
    return next
  }

  /**
   * One page of sites whose metadata passes `match`, in id order, from list() metadata alone; at
   * most `maxListCalls` list() calls (a short page with a cursor means the bound was reached).
   */
  async query(opts: {
    match?: (s: SiteMeta & { id: string }) => boolean
    cursor?: string
    limit: number
    maxListCalls: number
  }): Promise<FilteredPage<SiteMeta & { id: string }>> {
    return filteredList<SiteMeta, SiteMeta & { id: string }>(this.kv, {
      prefix: keys.sitePrefix,
      cursor: opts.cursor,
      limit: opts.limit,
      maxCalls: opts.maxListCalls,
      pick: (k) => {
        if (!k.metadata) return null
        const s = { id: k.name.slice(keys.sitePrefix.length), ...k.metadata }
        return !opts.match || opts.match(s) ? s : null
      },
    })
  }

  /** One page of sites with their metadata, in id order. */
  async list(opts: { cursor?: string; limit?: number } = {}) {
    const page = await this.kv.list<SiteMeta>({
      prefix: keys.sitePrefix,
      cursor: opts.cursor,
      limit: opts.limit ?? 1000,
    })
    return {
      sites: page.keys.map((k) => ({ id: k.name.slice(keys.sitePrefix.length), ...k.metadata! })),
      cursor: page.list_complete ? null : page.cursor,
    }
  }

  /** Every site's id and metadata, following cursors (KV lists at most 1,000 keys a call). */
  async listAll(): Promise<(SiteMeta & { id: string })[]> {
    const out: (SiteMeta & { id: string })[] = []
    let cursor: string | undefined
    do {
      const page = await this.list({ cursor })
      out.push(...page.sites)
      cursor = page.cursor ?? undefined
    } while (cursor)
    return out
  }
}
