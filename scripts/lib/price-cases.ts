/**
 * Judging the price parser against scrapinghub/price-parser's cases
 * (../shared/corpus/price-parser-cases.json), the same way in `npm run eval:prices` and in the
 * workerd test: pure, so both can import it.
 */
import { parsePrice } from '../../src/extract/price.ts'

/** One case, as the corpus file has it. */
export interface PriceCase {
  input: string | null
  amount: string | null
  currency: string | null
  currency_hint: string | null
  decimal_separator: string | null
  list: string
  xfail: boolean
}

/** The acceptance bar for both figures (issue 3). */
export const THRESHOLD = 0.97

export interface CaseResult {
  c: PriceCase
  got: ReturnType<typeof parsePrice>
  /** Numerically equal, or both null. */
  amountOk: boolean
  /** null when the case expects no currency; else the text as written, case-insensitively. */
  currencyOk: boolean | null
}

export function judgeCase(c: PriceCase): CaseResult {
  const got = parsePrice(c.input, c.currency_hint, c.decimal_separator)
  const amountOk =
    c.amount === null
      ? got.amount === null
      : got.amount !== null && Number(got.amount) === Number(c.amount)
  const currencyOk =
    c.currency === null ? null : got.currencyText?.toLowerCase() === c.currency.toLowerCase()
  return { c, got, amountOk, currencyOk }
}
