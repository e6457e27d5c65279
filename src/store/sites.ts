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
