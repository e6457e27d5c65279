/**
 * Prices a page states in machine-readable form: JSON-LD offers, microdata, product/og price meta
 * tags and price assignments in inline scripts. Each source also reports how many distinct items
 * it prices, so the extractor can tell a catalogue from a page with one price on it.
 */
import type { DocView, MicrodataItem } from './document.ts'
import { findScriptPrices } from './price-mentions.ts'
import { parsePrice } from './price.ts'
import type { PriceMention, PriceSource, PriceUnit } from './types.ts'

/** Prices from one machine-readable source, with the number of distinct items they price. */
export interface SourcePrices {
  source: PriceSource
  mentions: PriceMention[]
  /** Distinct items with a price of their own. */
  items: number
}

/** JSON-LD nodes visited per page (CPU: a hostile page can nest huge graphs). */
const JSON_LD_NODE_CAP = 50_000
/** Recursion depth in JSON-LD (stack). */
const JSON_LD_DEPTH_CAP = 64
/** Mentions kept per source (memory; a long catalogue page has a few hundred). */
const MENTION_CAP = 5_000
const CONTEXT_CAP = 120

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type JsonObject = { [k: string]: Json }

const PHYSICAL_FORMATS = /vinyl|cd|cassette|dvd|laserdisc|physical/i
const PHYSICAL_WORDS =
  /vinyl|vinyle|compact disc|(?<![\p{L}])(?:cd|lp|cassette|t-shirt|shirt|hoodie|poster|tote|винил|пластинк|диск|кассет)(?![\p{L}])/iu
const OFFER_TYPES = new Set(['Offer', 'AggregateOffer'])
/** Types that wrap an item without being one: the owner of an offer is the nearest other type. */
const WRAPPER_TYPES = new Set([
  'Offer',
  'AggregateOffer',
  'PriceSpecification',
  'UnitPriceSpecification',
  'CompoundPriceSpecification',
  'ListItem',
  'ItemList',
  'PropertyValue',
  'WebPage',
  'WebSite',
])

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function typesOf(o: JsonObject): string[] {
  const t = o['@type']
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t]
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.slice(x.lastIndexOf('/') + 1))
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}

function fold(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > CONTEXT_CAP ? t.slice(0, CONTEXT_CAP) : t
}

/** The unit an item type sells by: a recording is a track, an album or release is an album. */
function unitOfTypes(types: string[]): PriceUnit {
  if (types.includes('MusicRecording')) return 'track'
  if (types.some((t) => t === 'MusicAlbum' || t === 'MusicRelease' || t === 'MusicPlaylist'))
    return 'album'
  return 'unknown'
}

/** Numbers as the contract wants them: '.' decimal, no grouping, no exponent. */
function amountOf(
  v: Json | undefined,
  currency: string | null,
): { amount: string; parsed: ReturnType<typeof parsePrice> | null } | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return null
    return { amount: v < 1e-6 ? v.toFixed(8).replace(/0+$/, '') : String(v), parsed: null }
  }
  if (typeof v === 'string' && v.trim() && v.length <= 60) {
    const parsed = parsePrice(v, currency)
    if (!parsed.amount || Number(parsed.amount) <= 0) return null
    return { amount: parsed.amount, parsed }
  }
  return null
}

interface Owner {
  node: JsonObject
  types: string[]
}

/** Facts about an owner item that say "this is a physical good". */
function physicalOwner(owner: Owner | null, offer: JsonObject): boolean {
  const node = owner?.node
  if (node) {
    const format = str(node.musicReleaseFormat as Json) ?? ''
    if (format && PHYSICAL_FORMATS.test(format)) return true
    if (/DigitalFormat/i.test(format)) return false
    for (const p of asArray(node.additionalProperty)) {
      if (!isObject(p)) continue
      const name = str(p.name)
      if (name === 'is_music_merch' && p.value === true) return true
      if (name === 'type_name' && PHYSICAL_WORDS.test(str(p.value) ?? '')) return true
    }
    const name = str(node.name) ?? ''
    if (owner.types.includes('Product') && PHYSICAL_WORDS.test(name)) return true
  }
  return (
    offer.shippingDetails !== undefined ||
    offer.itemCondition !== undefined ||
    offer.deliveryLeadTime !== undefined ||
    offer.hasMerchantReturnPolicy !== undefined
  )
}

function asArray(v: Json | undefined): Json[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/** Parses JSON-LD text, tolerating HTML comment and CDATA wrappers; null when still invalid. */
function parseJsonLd(text: string): Json | null {
  try {
    return JSON.parse(text) as Json
  } catch {
    const cleaned = text
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      // Raw newlines inside strings are the commonest hand-written JSON-LD error.
      .replace(/[\u0000-\u001f]+/g, ' ')
    try {
      return JSON.parse(cleaned) as Json
    } catch {
      return null
    }
  }
}

/** Offers in JSON-LD: @graph, ItemList, nested releases and tracks, offer arrays, price specs. */
export function jsonLdPrices(blocks: string[]): SourcePrices {
  const mentions: PriceMention[] = []
  const owners = new Set<JsonObject>()
  let visited = 0

  const offerMentions = (
    offer: JsonObject,
    owner: Owner | null,
    inheritedCurrency: string | null,
  ) => {
    const specs = asArray(offer.priceSpecification).filter(isObject)
    const currency = str(offer.priceCurrency) ?? str(specs[0]?.priceCurrency) ?? inheritedCurrency
    const types = typesOf(offer)
    const aggregate = types.includes('AggregateOffer')
    const minPrice = specs.map((s) => s.minPrice).find((v) => v !== undefined)
    const candidates: { value: Json | undefined; minimum: boolean }[] = []
    if (offer.price !== undefined) {
      const p = typeof offer.price === 'number' ? offer.price : Number(str(offer.price))
      const min = typeof minPrice === 'number' ? minPrice : Number(str(minPrice ?? null) ?? NaN)
      candidates.push({ value: offer.price, minimum: Number.isFinite(min) && min >= p })
    } else if (aggregate || offer.lowPrice !== undefined) {
      if (offer.lowPrice !== undefined) candidates.push({ value: offer.lowPrice, minimum: true })
      if (offer.highPrice !== undefined) candidates.push({ value: offer.highPrice, minimum: false })
    } else {
      const spec = specs.find((s) => s.price !== undefined || s.minPrice !== undefined)
      if (spec)
        candidates.push({ value: spec.price ?? spec.minPrice, minimum: spec.price === undefined })
    }
    const physical = physicalOwner(owner, offer)
    let unit = owner ? unitOfTypes(owner.types) : 'unknown'
    if (unit === 'unknown' && owner?.node.musicReleaseFormat !== undefined) unit = 'album'
    const name = str(owner?.node.name) ?? str(offer.name) ?? ''
    let priced = false
    for (const c of candidates) {
      const a = amountOf(c.value, currency)
      if (!a) continue
      const cur = a.parsed?.currency ?? currencyCode(currency)
      const curText = a.parsed?.currencyText ?? currency
      priced = true
      if (mentions.length < MENTION_CAP) {
        mentions.push({
          amount: a.amount,
          currency: cur,
          currencyText: curText,
          unit,
          source: 'json-ld',
          context: fold(
            `${name}${name ? ': ' : ''}${typesOf(offer).join('/') || 'Offer'} ${a.amount} ${curText ?? ''}`,
          ),
          physical,
          minimum: c.minimum,
        })
      }
    }
    if (priced) owners.add(owner?.node ?? offer)
  }

  const visit = (
    v: Json | undefined,
    owner: Owner | null,
    currency: string | null,
    depth: number,
  ): void => {
    if (depth > JSON_LD_DEPTH_CAP || ++visited > JSON_LD_NODE_CAP) return
    if (Array.isArray(v)) {
      for (const x of v) visit(x, owner, currency, depth + 1)
      return
    }
    if (!isObject(v)) return
    const types = typesOf(v)
    const isOffer = types.some((t) => OFFER_TYPES.has(t))
    if (isOffer) {
      offerMentions(v, owner, currency)
      // Offers may nest further offers (AggregateOffer.offers).
      if (v.offers !== undefined)
        visit(v.offers, owner, str(v.priceCurrency) ?? currency, depth + 1)
      return
    }
    const own = types.length > 0 && !types.every((t) => WRAPPER_TYPES.has(t))
    const next: Owner | null = own ? { node: v, types } : owner
    if (own && v.price !== undefined && v.offers === undefined) {
      // Price written straight on the item (common in hand-written markup).
      offerMentions(v, next, currency)
    }
    for (const key in v) {
      if (key === '@context' || key === '@type' || key === '@id') continue
      const child = v[key]
      if (typeof child === 'object' && child !== null) visit(child, next, currency, depth + 1)
    }
  }

  for (const block of blocks) {
    const json = parseJsonLd(block)
    if (json !== null) visit(json, null, null, 0)
  }
  return { source: 'json-ld', mentions, items: owners.size }
}

/** An ISO code for a currency written in markup ('EUR', '€', 'руб'), or null. */
function currencyCode(written: string | null): string | null {
  if (!written) return null
  const w = written.trim()
  if (/^[A-Z]{3}$/.test(w)) return w
  return parsePrice(`1 ${w}`).currency
}

/** Microdata offers: itemprop=price/lowPrice with priceCurrency in the item or an enclosing one. */
export function microdataPrices(items: MicrodataItem[]): SourcePrices {
  const mentions: PriceMention[] = []
  let count = 0
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const raw = item.props.price ?? item.props.lowprice
    if (raw === undefined || raw === '\u0000item') continue
    let currencyText: string | null = item.props.pricecurrency ?? null
    let owner: MicrodataItem | null = null
    for (let p = item.parent; p >= 0; p = items[p]!.parent) {
      const parent = items[p]!
      currencyText ??= parent.props.pricecurrency ?? null
      if (!owner && !OFFER_TYPES.has(parent.type)) owner = parent
    }
    if (!owner && !OFFER_TYPES.has(item.type)) owner = item
    const parsed = parsePrice(raw, currencyText)
    if (!parsed.amount || Number(parsed.amount) <= 0) continue
    const unit = owner ? unitOfTypes([owner.type]) : 'unknown'
    const name = owner?.props.name ?? ''
    const physical =
      PHYSICAL_WORDS.test(`${name} ${owner?.props.musicreleaseformat ?? ''}`) ||
      item.props.itemcondition !== undefined
    count++
    if (mentions.length < MENTION_CAP) {
      mentions.push({
        amount: parsed.amount,
        currency: parsed.currency ?? currencyCode(currencyText),
        currencyText: parsed.currencyText ?? currencyText,
        unit,
        source: 'microdata',
        context: fold(item.context || `${name} ${raw} ${currencyText ?? ''}`),
        physical,
        minimum: item.props.price === undefined,
      })
    }
  }
  return { source: 'microdata', mentions, items: count }
}

/** product:price:amount / og:price:amount meta tags (one item: the page's own). */
export function metaPrices(meta: Record<string, string>): SourcePrices {
  const mentions: PriceMention[] = []
  for (const prefix of ['product:price', 'og:price', 'product:sale_price']) {
    const raw = meta[`${prefix}:amount`]
    if (!raw) continue
    const currencyText = meta[`${prefix}:currency`] ?? null
    const parsed = parsePrice(raw, currencyText)
    if (!parsed.amount || Number(parsed.amount) <= 0) continue
    const ogType = meta['og:type'] ?? ''
    const unit: PriceUnit = /song|track/i.test(ogType)
      ? 'track'
      : /album|playlist/i.test(ogType)
        ? 'album'
        : 'unknown'
    mentions.push({
      amount: parsed.amount,
      currency: parsed.currency ?? currencyCode(currencyText),
      currencyText: parsed.currencyText ?? currencyText,
      unit,
      source: 'meta',
      context: fold(`${meta['og:title'] ?? ''} ${prefix}:amount ${raw} ${currencyText ?? ''}`),
      physical: PHYSICAL_WORDS.test(meta['og:title'] ?? ''),
      minimum: false,
    })
    break
  }
  return { source: 'meta', mentions, items: mentions.length }
}

/** Per-volume and per-month prices are tariffs, not items. */
export function isPerItem(m: PriceMention): boolean {
  return m.unit !== 'megabyte' && m.unit !== 'gigabyte' && m.unit !== 'month'
}

/** Price assignments in inline scripts and JSON data islands. */
export function scriptPrices(scripts: string[]): SourcePrices {
  const mentions: PriceMention[] = []
  for (const s of scripts) {
    // Cheap pre-filter: most scripts (analytics, loaders) never say "price".
    if (!/price|cost|amount|цена|стоимость|prix/i.test(s)) continue
    for (const m of findScriptPrices(s)) {
      if (mentions.length >= MENTION_CAP) break
      mentions.push(m)
    }
  }
  return { source: 'script', mentions, items: mentions.filter(isPerItem).length }
}

/** Every machine-readable price source of a page. */
export function structuredPrices(doc: DocView): SourcePrices[] {
  return [
    jsonLdPrices(doc.jsonLd),
    microdataPrices(doc.microdata),
    metaPrices(doc.meta),
    scriptPrices(doc.scripts),
  ]
}
