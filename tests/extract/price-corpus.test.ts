import { describe, expect, it } from 'vitest'
import { judgeCase, THRESHOLD, type PriceCase } from '../../scripts/lib/price-cases.ts'
import { sharedCorpus } from '../helpers/corpus.ts'

describe.skipIf(!sharedCorpus)('price-parser cases (../shared corpus)', () => {
  const cases = ((sharedCorpus?.priceCases.cases ?? []) as PriceCase[]).filter((c) => !c.xfail)
  const results = cases.map(judgeCase)

  it('has the cases', () => {
    expect(cases.length).toBeGreaterThan(1000)
  })

  it('gets at least 97% of the amounts right', () => {
    const right = results.filter((r) => r.amountOk)
    expect(right.length / cases.length).toBeGreaterThanOrEqual(THRESHOLD)
  })

  it('gets at least 97% of the currencies right, as written', () => {
    const expecting = results.filter((r) => r.currencyOk !== null)
    const right = expecting.filter((r) => r.currencyOk)
    expect(right.length / expecting.length).toBeGreaterThanOrEqual(THRESHOLD)
  })
})
