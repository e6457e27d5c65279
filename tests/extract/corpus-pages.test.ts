import { describe, expect, it } from 'vitest'
import { extract } from '../../src/extract/index.ts'
import type { Extraction, FactKind } from '../../src/extract/types.ts'
import { sharedCorpus, sharedPage } from '../helpers/corpus.ts'

function run(name: string, url: string): Extraction {
  return extract({
    url,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: sharedPage(name),
  })
}
const kinds = (x: Extraction) => new Set(x.facts.map((f) => f.kind))
const price = (x: Extraction, source: string) =>
  x.prices
    .filter((p) => p.source === source)
    .map((p) => ({
      amount: p.amount,
      currency: p.currency,
      unit: p.unit,
      physical: p.physical,
      minimum: p.minimum,
    }))

/** Kinds none of these legitimate store pages may carry. */
const NEVER: FactKind[] = [
  'challenge',
  'parked',
  'empty-shell',
  'login-wall',
  'about-topic',
  'licence-roms',
  'licence-fair',
  'licence-russian-law',
  'licence-own-laws',
  'drm-protected',
  'family-name',
]

describe.skipIf(!sharedCorpus)('shared corpus pages (../shared/corpus/pages)', () => {
  it('bandcamp-album-2016: album at 9 CAD or more, no prices from the currency table', () => {
    const x = run('bandcamp-album-2016.html', 'https://coeurdepirate.bandcamp.com/album/blonde')
    expect(x).toMatchObject({ kind: 'html', charset: 'utf-8', title: 'Blonde | Cœur de pirate' })
    // The digital album as shown: "$9 CAD or more".
    expect(
      x.prices.some(
        (p) =>
          p.source === 'text' &&
          Number(p.amount) === 9 &&
          p.currency === 'CAD' &&
          p.minimum &&
          !p.physical,
      ),
    ).toBe(true)
    // ...and as TralbumData says: set_price 9.0 for the album, a lower bound.
    const album = x.prices.filter((p) => p.source === 'script' && p.unit === 'album')
    expect(album.map((p) => [Number(p.amount), p.currency, p.minimum])).toEqual([[9, 'CAD', true]])
    // Script prices are the album and the twelve packages; the CurrencyData rates table gives none.
    const script = x.prices.filter((p) => p.source === 'script').map((p) => Number(p.amount))
    expect(script.sort((a, b) => a - b)).toEqual([3, 5, 9, 12, 14, 15, 15, 20, 20, 20, 25, 25, 25])
    for (const rate of [0.0928179769857826, 1.31592799242025, 0.436385852370666, 0.817, 0.5]) {
      expect(x.prices.some((p) => Number(p.amount) === rate)).toBe(false)
    }
    expect(new Set(x.prices.map((p) => p.currency))).toEqual(new Set(['CAD']))
    expect(x.stats.pricedItems).toBe(13)
    const k = kinds(x)
    for (const kind of NEVER) expect(k.has(kind), kind).toBe(false)
    expect(x.facts.filter((f) => f.kind === 'format').map((f) => f.value)).toContain('flac')
    expect(k.has('buy-button')).toBe(true)
  })

  it('bandcamp-track-2016: track at 1 CAD', () => {
    const x = run(
      'bandcamp-track-2016.html',
      'https://coeurdepirate.bandcamp.com/track/saint-laurent',
    )
    const track = x.prices.filter((p) => p.unit === 'track' && p.source === 'script')
    expect(track.map((p) => [Number(p.amount), p.currency, p.physical])).toEqual([
      [1, 'CAD', false],
    ])
    expect(
      x.prices.some(
        (p) => p.source === 'text' && Number(p.amount) === 1 && p.currency === 'CAD' && !p.physical,
      ),
    ).toBe(true)
    for (const kind of NEVER) expect(kinds(x).has(kind), kind).toBe(false)
  })

  it('fomoplayer-bandcamp-release: JSON-LD offer GBP 6', () => {
    const x = run('fomoplayer-bandcamp-release.html', 'https://music.slugwife.com/album/slapback')
    expect(price(x, 'json-ld')).toEqual([
      { amount: '6', currency: 'GBP', unit: 'album', physical: false, minimum: true },
    ])
    expect(
      x.prices.some((p) => p.source === 'text' && p.amount === '6' && p.currency === 'GBP'),
    ).toBe(true)
    expect(x.stats.pricedItems).toBe(1)
    for (const kind of NEVER) expect(kinds(x).has(kind), kind).toBe(false)
  })

  it('fomoplayer-bandcamp-f4k-y00: JSON-LD offer EUR 3', () => {
    const x = run(
      'fomoplayer-bandcamp-f4k-y00.html',
      'https://billainaethek.bandcamp.com/album/f4k-y00',
    )
    expect(price(x, 'json-ld')).toEqual([
      { amount: '3', currency: 'EUR', unit: 'album', physical: false, minimum: true },
    ])
    for (const kind of NEVER) expect(kinds(x).has(kind), kind).toBe(false)
  })

  it('fomoplayer-bandcamp-different-eyes: digital EUR 16 and vinyl EUR 28', () => {
    const x = run(
      'fomoplayer-bandcamp-different-eyes.html',
      'https://billainaethek.bandcamp.com/album/different-eyes-ep',
    )
    expect(price(x, 'json-ld')).toEqual([
      { amount: '16', currency: 'EUR', unit: 'album', physical: false, minimum: true },
      { amount: '28', currency: 'EUR', unit: 'album', physical: true, minimum: true },
    ])
    expect(x.stats.pricedItems).toBe(2)
    for (const kind of NEVER) expect(kinds(x).has(kind), kind).toBe(false)
  })

  it('fomoplayer-beatport-my-beatport: 50 tracks at EUR 1.29 from embedded JSON', () => {
    const x = run('fomoplayer-beatport-my-beatport.html', 'https://www.beatport.com/my-beatport')
    const script = x.prices.filter((p) => p.source === 'script')
    expect(script.length).toBe(50)
    expect(new Set(script.map((p) => `${p.amount} ${p.currency} ${p.unit}`))).toEqual(
      new Set(['1.29 EUR track']),
    )
    expect(x.stats.pricedItems).toBe(50)
    expect(x.facts.filter((f) => f.kind === 'buy-button').length).toBe(50)
    expect(x.prices.filter((p) => p.source === 'json-ld').length).toBe(0)
    for (const kind of NEVER) expect(kinds(x).has(kind), kind).toBe(false)
  })
})
