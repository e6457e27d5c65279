import { usdValue } from '../extract/price-mentions.ts'
import type { PriceMention } from '../extract/types.ts'
import type { Profile } from '../profile/index.ts'
import type { PriceSummary } from './types.ts'

export type PricedMention = PriceMention & { usd: number | null }

export interface PriceJudgement {
  prices: PricedMention[]
  summary: PriceSummary
  /** Mentions that fed each median, for evidence. */
  used: { track: PricedMention[]; album: PricedMention[]; volume: PricedMention[] }
}

/** Median of a non-empty list; robust to the odd outlier such as a box set or a "from" price. */
export function median(xs: number[]): number | null {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const round = (x: number | null, digits = 4) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Judges a page's download prices against the profile's reference. Physical goods, subscriptions
 * and zero prices say nothing about what a download costs, so they are left out; a price with no
 * unit counts as a track when it is within twice the track reference, else as an album.
 */
export function judgePrices(mentions: PriceMention[], profile: Profile): PriceJudgement {
  const { reference: ref, plausible } = profile
  const prices = mentions.map((m) => ({
    ...m,
    usd: usdValue(m.amount, m.currency, profile.currencies.usdPer),
  }))
  const track: PricedMention[] = []
  const album: PricedMention[] = []
  const volume: PricedMention[] = []
  const perMb: number[] = []
  for (const p of prices) {
    if (p.usd === null || p.usd <= 0 || p.physical || p.unit === 'month') continue
    if (p.unit === 'megabyte' || p.unit === 'gigabyte') {
      const mb = p.unit === 'gigabyte' ? p.usd / 1024 : p.usd
      // Above a dollar a megabyte is no download price (a track would cost $5+): a misread unit.
      if (mb <= 1) {
        volume.push(p)
        perMb.push(mb)
      }
      continue
    }
    const unit = p.unit === 'unknown' ? (p.usd <= 2 * ref.trackUsd ? 'track' : 'album') : p.unit
    if (unit === 'track' && p.usd <= plausible.maxTrackUsd) track.push(p)
    else if (unit === 'album' && p.usd <= plausible.maxAlbumUsd) album.push(p)
  }
  const trackUsd = median(track.map((p) => p.usd!))
  const albumUsd = median(album.map((p) => p.usd!))
  const perMbUsd = median(perMb)
  const ratios: number[] = []
  if (trackUsd !== null) ratios.push(trackUsd / ref.trackUsd)
  if (albumUsd !== null) ratios.push(albumUsd / ref.albumUsd)
  if (perMbUsd !== null) ratios.push((perMbUsd * ref.trackMb) / ref.trackUsd)
  return {
    prices,
    summary: {
      trackUsd: round(trackUsd),
      albumUsd: round(albumUsd),
      perMbUsd: round(perMbUsd),
      ratioToReference: round(median(ratios), 3),
    },
    used: { track, album, volume },
  }
}
