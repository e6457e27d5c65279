import { describe, expect, it } from 'vitest'
import { findCurrencies } from '../../src/extract/currencies.ts'
import { CONTEXT_CHARS, excerpt, excerpter } from '../../src/extract/price-context.ts'
import { scanNumbers } from '../../src/extract/price.ts'

/** The excerpt as first written: a slice, white space folded by a regex, trimmed, capped. */
function reference(text: string, start: number, end: number): string {
  const room = Math.max(0, CONTEXT_CHARS - (end - start))
  const from = Math.max(0, start - Math.ceil(room / 2))
  const to = Math.min(text.length, end + Math.floor(room / 2))
  const folded = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return folded.length > CONTEXT_CHARS ? folded.slice(0, CONTEXT_CHARS) : folded
}

/** A catalogue-like text with every kind of white space, runs of it, and text at both ends. */
function catalogue(): string {
  const spaces = [' ', '  ', '\n', ' \n ', '\t', '\u00a0', '\r\n', '\u2009 ', '\u3000']
  let text = '  \n'
  for (let i = 0; i < 60; i++) {
    const [a, b] = [spaces[i % spaces.length], spaces[(i * 5) % spaces.length]]
    text += `Album ${i}${a}$${(i / 7).toFixed(2)}${b}per track |`
  }
  return text + '\n\t '
}

describe('excerpt: the context of a mention', () => {
  it('folds and trims white space and keeps 120 characters around the price', () => {
    const text = `${'x'.repeat(200)}\n\n  $0.99\tper\u00a0track ${'y'.repeat(200)}`
    const at = text.indexOf('$')
    const got = excerpt(text, at, at + 5)
    // 120 characters are cut first, then folded: the three spaces folded away are not refilled.
    expect(got).toHaveLength(CONTEXT_CHARS - 3)
    expect(got).toContain('x $0.99 per track y')
    expect(got).toBe(reference(text, at, at + 5))
    expect(excerpt('  \n $1 \n ', 4, 6)).toBe('$1')
    expect(excerpt(' \n\t ', 1, 2)).toBe('')
  })
  it('gives the same strings whether the text is folded once or per excerpt', () => {
    const text = catalogue()
    const spans = [...text.matchAll(/\$\d+\.\d\d/g)].map((m) => [m.index, m.index + m[0].length])
    // Dense: the excerpts cover the text more than once, so it is folded whole.
    const dense = excerpter(text, spans.length)
    const sparse = excerpter(text, 1)
    for (const [start, end] of spans) {
      const want = reference(text, start!, end!)
      expect(dense(start!, end!)).toBe(want)
      expect(sparse(start!, end!)).toBe(want)
    }
    // Every boundary, including ones inside runs of spaces.
    for (let start = 0; start < text.length; start += 7) {
      const end = Math.min(text.length, start + 1 + (start % 5))
      expect(dense(start, end)).toBe(reference(text, start, end))
    }
  })
})

describe('findCurrencies and scanNumbers: the fast paths read like the slow ones', () => {
  it('finds forms at word starts only, in any case where allowed, and codes as whole words', () => {
    const hits = (s: string) => findCurrencies(s).map((h) => `${h.text}:${h.iso}`)
    expect(hits('5 DOLLARS, 6 Euro, 7 cents, 8 евро')).toEqual([
      'DOLLARS:USD',
      'Euro:EUR',
      'cents:USD',
      'евро:EUR',
    ])
    expect(hits('usd Usd USD xUSD USDx usd5 per perUSD')).toEqual(['usd:USD', 'USD:USD', 'usd:USD'])
    expect(hits('buy 5$ or 5 руб. or 5 рублей')).toEqual(['$:USD', 'руб.:RUB', 'руб:RUB'])
    expect(hits('¥500 or 500円')).toEqual(['¥:null', '円:JPY'])
  })
  it('reads plain numbers and separators without the general path changing them', () => {
    const amounts = (s: string) => scanNumbers(s).map((n) => `${n.amount}${n.date ? ' date' : ''}`)
    expect(amounts('007 0.99 1,299 130,2 0,500 1.234.567 .5 15.08.2017 1 299')).toEqual([
      '7',
      '0.99',
      '1299',
      '130.2',
      '0.500',
      '1234567',
      '0.5',
      '15082017 date',
      '1299',
    ])
  })
})
