import { describe, expect, it } from 'vitest'
import { parsePrice } from '../../src/extract/price.ts'
import { sharedCorpus } from '../helpers/corpus.ts'

/** One of scrapinghub/price-parser's cases, as ../shared/corpus/price-parser-cases.json has it. */
interface PriceCase {
  input: string | null
  amount: string | null
  currency: string | null
  currency_hint: string | null
  decimal_separator: string | null
  list: string
  xfail: boolean
}

/** The acceptance bar (scripts/eval-prices.ts prints the failures). */
const THRESHOLD = 0.97

describe.skipIf(!sharedCorpus)('price-parser cases (../shared corpus)', () => {
  const cases = ((sharedCorpus?.priceCases.cases ?? []) as PriceCase[]).filter((c) => !c.xfail)
  const results = cases.map((c) => ({
    c,
    got: parsePrice(c.input, c.currency_hint, c.decimal_separator),
  }))

  it('has the cases', () => {
    expect(cases.length).toBeGreaterThan(1000)
  })

  it('gets at least 97% of the amounts right', () => {
    const right = results.filter(({ c, got }) =>
      c.amount === null
        ? got.amount === null
        : got.amount !== null && Number(got.amount) === Number(c.amount),
    )
    expect(right.length / cases.length).toBeGreaterThanOrEqual(THRESHOLD)
  })

  it('gets at least 97% of the currencies right, as written', () => {
    const expecting = results.filter(({ c }) => c.currency !== null)
    const right = expecting.filter(
      ({ c, got }) => got.currencyText?.toLowerCase() === c.currency!.toLowerCase(),
    )
    expect(right.length / expecting.length).toBeGreaterThanOrEqual(THRESHOLD)
  })
})
