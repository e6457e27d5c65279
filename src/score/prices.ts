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
 * Money that is not the price of a download: balances, deposits, top-ups, bonuses, vouchers and
 * thresholds ("free shipping over $50"), in the languages the corpus has. Matched just before the
 * amount, where a label for it stands.
 */
const NOT_A_PRICE =
  /(balance|deposit|top[\s-]?up|add funds|refill|bonus|voucher|gift|minimum|min\.|over|above|save|off|баланс|пополн|депозит|бонус|ваучер|свыше|от\s+\d|guthaben|aufladung|ab\s*$|solde|recharg|bon d|saldo|doładuj|depósito|recarga)[^.!?]{0,24}$/i

function lead(m: PriceMention): string {
  const i = m.context.indexOf(m.amount.replace('.', ''))
  const j = i >= 0 ? i : m.context.search(/\d/)
  return m.context.slice(Math.max(0, j - 40), Math.max(0, j))
}

/**
 * Judges a page's download prices against the profile's reference. Physical goods, subscriptions,
 * zero prices and money that is not a price (balances, deposits) say nothing about what a download
 * costs, so they are left out. Prices with no unit are used only on pages that label none: then
 * one counts as a track within twice the track reference, else as an album.
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
  const labelled = prices.some((p) => p.unit === 'track' || p.unit === 'album')
  for (const p of prices) {
    if (p.usd === null || p.usd <= 0 || p.physical || p.unit === 'month') continue
    if (p.source === 'text' && NOT_A_PRICE.test(lead(p))) continue
    if (p.unit === 'unknown' && labelled) continue
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
