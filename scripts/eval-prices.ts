/**
 * Measures the price parser against scrapinghub/price-parser's own cases
 * (../shared/corpus/price-parser-cases.json; cases marked xfail upstream are left out).
 * Prints the share of right amounts and of right currencies, lists the failures by source list,
 * and exits 1 when either share is under 97%. Skips (exit 0) when ../shared is absent.
 *
 *   npm run eval:prices [-- --quiet]
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { judgeCase, THRESHOLD, type PriceCase } from './lib/price-cases.ts'

interface Failure {
  list: string
  input: string | null
  hint: string | null
  what: string
}

const CASES = fileURLToPath(new URL('../../shared/corpus/price-parser-cases.json', import.meta.url))

function main(): number {
  if (!existsSync(CASES)) {
    console.log(`eval:prices skipped: ${CASES} is absent (no ../shared corpus in this checkout)`)
    return 0
  }
  const quiet = process.argv.includes('--quiet')
  const all = (JSON.parse(readFileSync(CASES, 'utf8')) as { cases: PriceCase[] }).cases
  const cases = all.filter((c) => !c.xfail)
  const failures: Failure[] = []
  let amountOk = 0
  let currencyTotal = 0
  let currencyOk = 0
  for (const c of cases) {
    const r = judgeCase(c)
    const got = r.got
    const problems: string[] = []
    if (r.amountOk) amountOk++
    else problems.push(`amount ${got.amount} (want ${c.amount})`)
    if (c.currency !== null) {
      currencyTotal++
      if (r.currencyOk) currencyOk++
      else
        problems.push(
          `currency ${JSON.stringify(got.currencyText)} (want ${JSON.stringify(c.currency)})`,
        )
    }
    if (problems.length > 0) {
      failures.push({
        list: c.list,
        input: c.input,
        hint: c.currency_hint,
        what: problems.join(', '),
      })
    }
  }
  const amountShare = amountOk / cases.length
  const currencyShare = currencyTotal === 0 ? 1 : currencyOk / currencyTotal
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`
  console.log(
    `price-parser cases: ${cases.length} (${all.length - cases.length} xfail cases left out)`,
  )
  console.log(`amount right:   ${amountOk}/${cases.length} = ${pct(amountShare)}`)
  console.log(`currency right: ${currencyOk}/${currencyTotal} = ${pct(currencyShare)}`)
  const byList = new Map<string, Failure[]>()
  for (const f of failures) byList.set(f.list, [...(byList.get(f.list) ?? []), f])
  for (const [list, items] of byList) {
    console.log(`\n${list}: ${items.length} failing`)
    if (quiet) continue
    for (const f of items) {
      const hint = f.hint === null ? '' : ` [hint ${JSON.stringify(f.hint)}]`
      console.log(`  ${JSON.stringify(f.input)}${hint}: ${f.what}`)
    }
  }
  const pass = amountShare >= THRESHOLD && currencyShare >= THRESHOLD
  console.log(`\n${pass ? 'PASS' : 'FAIL'}: both figures must be at least ${pct(THRESHOLD)}`)
  return pass ? 0 : 1
}

process.exitCode = main()
