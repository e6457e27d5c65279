/**
 * The extractor: one fetched page in, one Extraction out (see types.ts). Pure: no KV, fetch or
 * clock, so the Worker, the CLI and the tests share it.
 */
import { decodeBody } from './decode.ts'
import { readDocument } from './document.ts'
import { allFacts } from './facts/index.ts'
import { guessLanguage } from './language.ts'
import { findPriceMentions } from './price-mentions.ts'
import { isPerItem, structuredPrices, type SourcePrices } from './structured.ts'
import type { Extraction, PageInput, PriceMention } from './types.ts'

export type { Extraction, PageInput } from './types.ts'

/** Prices kept per page (memory and KV value size of stored evidence). */
const PRICE_CAP = 2_000

/**
 * Distinct items with a price of their own. The same items usually appear in several sources
 * (JSON-LD and the visible text), so sources are not added up: the best-counted source wins.
 * Text mentions repeated word for word (a sticky header, a mobile copy) count once.
 */
function countPricedItems(sources: SourcePrices[], text: PriceMention[]): number {
  const best = Math.max(0, ...sources.map((s) => s.items))
  if (text.length <= best) return best
  // Group by context first (hashing existing strings is cheap), then tell amounts apart.
  const byContext = new Map<string, PriceMention[]>()
  for (const m of text) {
    if (!isPerItem(m)) continue
    const group = byContext.get(m.context)
    if (group) group.push(m)
    else byContext.set(m.context, [m])
  }
  let distinct = 0
  for (const group of byContext.values()) {
    distinct +=
      group.length === 1 ? 1 : new Set(group.map((m) => `${m.amount} ${m.currency} ${m.unit}`)).size
  }
  return Math.max(distinct, best)
}

/**
 * Script and markup prices often carry the amount without the currency (Bandcamp's
 * `"set_price":9.0`). When every priced mention on the page agrees on one currency, the bare
 * amounts are in it too; with two or more currencies on the page nothing is guessed.
 */
function inferPageCurrency(prices: PriceMention[]): void {
  let only: PriceMention | null = null
  for (const p of prices) {
    if (p.currency === null) continue
    if (only && only.currency !== p.currency) return
    only ??= p
  }
  if (!only) return
  for (const p of prices) {
    if (p.currency === null) p.currency = only.currency
  }
}

/** Extracts prices, facts, links and text from one page. */
export function extract(page: PageInput): Extraction {
  const finalUrl = page.finalUrl ?? page.url
  const decoded = decodeBody(page.body, page.headers?.['content-type'])
  if (decoded.kind === 'not-html') {
    return {
      url: page.url,
      finalUrl,
      kind: 'not-html',
      contentType: decoded.contentType,
      charset: decoded.charset,
      language: null,
      title: '',
      description: '',
      keywords: '',
      text: '',
      prices: [],
      facts: [],
      links: [],
      stats: { textLength: 0, linkCount: 0, pricedItems: 0 },
    }
  }
  const doc = readDocument(decoded.text, page.url, finalUrl)
  const sources = structuredPrices(doc)
  const textPrices = findPriceMentions(doc.text, 'text', 'text')
  const prices = [...sources.flatMap((s) => s.mentions), ...textPrices].slice(0, PRICE_CAP)
  inferPageCurrency(prices)
  const pricedItems = countPricedItems(sources, textPrices)
  return {
    url: page.url,
    finalUrl,
    kind: 'html',
    contentType: decoded.contentType,
    charset: decoded.charset,
    language: guessLanguage(doc.lang, doc.text),
    title: doc.title,
    description: doc.description,
    keywords: doc.keywords,
    text: doc.text,
    prices,
    facts: allFacts(doc, pricedItems),
    links: doc.links,
    stats: { textLength: doc.text.length, linkCount: doc.linkCount, pricedItems },
  }
}
