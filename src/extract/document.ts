/**
 * Document reading: one streaming pass of htmlparser2's Tokenizer (under cheerio/slim's parser)
 * over the decoded page, collecting everything the price and fact extractors read. No DOM is
 * built: on this kind of machine building cheerio's tree alone costs 4-6x the bare tokenizer,
 * which is the whole CPU budget of an extraction (npm run bench). Nothing downstream parses again.
 * TagReader below does the tree-building part of htmlparser2's Parser, event for event, without
 * the Parser's costs nobody here needs (attribs objects, values of unread attributes, position
 * bookkeeping): the Parser alone costs ~1.8x the tokenizer, a third of the budget.
 */
import { Tokenizer } from 'htmlparser2'
import type { TokenizerCallbacks } from 'htmlparser2'
import type { PageLink } from './types.ts'

/** A piece of page text that facts are looked for in, and where it came from. */
export interface Segment {
  where: string
  text: string
}

/** A list the buyer picks from: a <select>, a radio group or a short <ul>/<ol>. */
export interface ChoiceGroup {
  /** e.g. 'select#bitrate', 'select[name=fmt]', 'input[type=radio][name=q]', 'ul.formats'. */
  where: string
  options: string[]
}

/** A button-like control with its label. */
export interface Control {
  /** 'button', 'input[type=submit]', 'a' ... */
  where: string
  text: string
  /** href for links, '' otherwise. */
  href: string
}

/** One microdata item (itemscope), with the price-related properties found directly in it. */
export interface MicrodataItem {
  /** Last path segment of itemtype, e.g. 'Offer', 'MusicRecording'; '' when untyped. */
  type: string
  /** Index of the enclosing item in DocView.microdata, or -1. */
  parent: number
  /** Lower-case itemprop name -> value (content attribute or text). First one wins. */
  props: Record<string, string>
  /** Folded text of the item element (at most ~200 chars) for price context. */
  context: string
}

/** Counts of markup that tells articles, forums, app shells and login walls apart. */
export interface Markers {
  articles: number
  times: number
  /** Elements whose class names an author or byline. */
  bylines: number
  relAuthor: number
  passwordInputs: number
  forms: number
  /** id or tag of a single-page-app mount point (root, app, __next...), or null. */
  appRoot: string | null
  bodyElements: number
  iframes: number
  headings: number
}

/** Everything the extractors read from one page, produced by one streaming parse. */
export interface DocView {
  url: string
  finalUrl: string
  /** Lower-case host of finalUrl, without a leading 'www.'; '' when the address is not a URL. */
  host: string
  /** The decoded source, for raw markers such as challenge or parking scripts. */
  html: string
  /** The html element's lang attribute, lower-case, or null. */
  lang: string | null
  title: string
  description: string
  keywords: string
  /** Lower-case meta name/property -> content; the first occurrence wins. */
  meta: Record<string, string>
  /** Visible text: one line per block, table cells joined by ' | ', at most TEXT_CAP chars. */
  text: string
  links: PageLink[]
  /** Distinct hosts of `links`, in page order. */
  linkHosts: string[]
  /** All a[href] seen, including those past the LINK_CAP. */
  linkCount: number
  choices: ChoiceGroup[]
  controls: Control[]
  /** img alt/title texts, ' | '-joined. */
  imageText: string
  /** img src file names, ' | '-joined (payment logos are often only a file name). */
  imageFiles: string
  /** Inline JavaScript/JSON script bodies (not JSON-LD, not templates), capped in total. */
  scripts: string[]
  /** JSON-LD script bodies, unparsed. */
  jsonLd: string[]
  microdata: MicrodataItem[]
  markers: Markers
  /** Title, descriptions, text and image text, for fact scanning. */
  segments: Segment[]
}

/** Contract cap on Extraction.text (memory and KV value size downstream). */
export const TEXT_CAP = 200_000
/** Text collected before the final cut to TEXT_CAP: stops the walk's buffers growing (memory). */
const RAW_TEXT_CAP = TEXT_CAP + 1_000
/** Links kept: URL resolution is the costliest step per link (CPU); real stores have far fewer. */
export const LINK_CAP = 2_000
/** Inline script text kept, in total (CPU of script price scans, memory). */
export const SCRIPT_CAP = 1_000_000
/** JSON-LD text kept, in total (CPU of JSON.parse). */
const JSON_LD_CAP = 1_000_000
/** Options kept per select/list, items per page in choice groups and controls (memory). */
const OPTION_CAP = 100
const CHOICE_CAP = 200
const CONTROL_CAP = 3_000
const MICRODATA_CAP = 2_000
/** Image alt/src text kept (memory). */
const IMAGE_TEXT_CAP = 20_000

/** Subtrees whose text is never shown. */
const SKIP = [
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'textarea',
  'head',
  'frame',
]

const BLOCK = [
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'optgroup',
  'option',
  'p',
  'pre',
  'section',
  'select',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]

const SKIP_TAG = 1
const BLOCK_TAG = 2
const CELL_TAG = 4
/** Tag -> flags, one map lookup per element. */
const TAGS = new Map<string, number>()
for (const t of SKIP) TAGS.set(t, (TAGS.get(t) ?? 0) | SKIP_TAG)
for (const t of BLOCK) TAGS.set(t, (TAGS.get(t) ?? 0) | BLOCK_TAG)
for (const t of ['td', 'th']) TAGS.set(t, CELL_TAG)
/**
 * Controls and links stand apart from the text beside them even where the markup puts no space
 * between them: "$1.99" then an "Add to basket" link must not read as "$1.99Add".
 */
const SPACED_TAG = 16
for (const t of ['a', 'button', 'label', 'img', 'input'])
  TAGS.set(t, (TAGS.get(t) ?? 0) | SPACED_TAG)
/** Tags with their own work at open or close (the switches in readDocument). */
const SPECIAL_TAG = 8
const SPECIAL = 'html body title script style meta base link img input iframe article time form'
for (const t of `${SPECIAL} h1 h2 h3 a ul ol select label button li option`.split(' ')) {
  TAGS.set(t, (TAGS.get(t) ?? 0) | SPECIAL_TAG)
}

const APP_ROOT_IDS = new Set([
  'root',
  'app',
  '__next',
  '__nuxt',
  '___gatsby',
  'app-root',
  'main-app',
])

const WS = /\s+/g
const UNICODE_SPACE = /\s/

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160 || c === 11
}

/** True when a string has whitespace other than single spaces (so it needs folding). */
function needsFold(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c <= 32 || c === 160) {
      if (c !== 32 || isSpace(s.charCodeAt(i + 1))) return true
    } else if (c >= 0x2000 && c <= 0x3000 && UNICODE_SPACE.test(s[i]!)) return true
  }
  return false
}

/** Folds a short label (title, meta content, option) to one line. */
function foldLabel(raw: string): string {
  const t = raw.trim()
  return needsFold(t) ? t.replace(WS, ' ') : t
}

/** A label cut from collected text: separators owed at its edges go, newlines become spaces. */
function cleanLabel(s: string): string {
  if (s.includes('\n')) s = s.replace(/\n/g, ' ')
  if (s.startsWith(' | ')) s = s.slice(3)
  if (s.endsWith(' | ')) s = s.slice(0, -3)
  return s.trim()
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '')
  } catch {
    return ''
  }
}

function typeName(itemtype: string | undefined): string {
  if (!itemtype) return ''
  const first = itemtype.trim().split(/\s+/)[0] ?? ''
  const slash = first.lastIndexOf('/')
  return slash >= 0 ? first.slice(slash + 1) : first
}

interface ListState {
  where: string
  items: string[]
}

interface RadioRef {
  name: string
  value: string
  id: string
  label: string
}

/** The attributes the extractors read, collected attribute by attribute (no attribs object). */
class Attrs {
  id: string | undefined = undefined
  cls: string | undefined = undefined
  href: string | undefined = undefined
  name: string | undefined = undefined
  property: string | undefined = undefined
  content: string | undefined = undefined
  lang: string | undefined = undefined
  rel: string | undefined = undefined
  type: string | undefined = undefined
  value: string | undefined = undefined
  alt: string | undefined = undefined
  title: string | undefined = undefined
  src: string | undefined = undefined
  forId: string | undefined = undefined
  datetime: string | undefined = undefined
  itemprop: string | undefined = undefined
  itemtype: string | undefined = undefined
  itemscope = false
}

/** Shared by elements with no attribute of interest (most divs, spans and cells). */
const NO_ATTRS: Readonly<Attrs> = Object.freeze(new Attrs())

/** One open element and what its close needs. */
class Frame {
  tag: string
  /** TAGS flags of the tag. */
  info: number
  a: Attrs | null = null
  /** pieces.length when the element opened: its own text is pieces.slice(start). */
  start = 0
  /** 1 block, 2 cell, 3 spaced inline (a, button...), 0 inline. */
  sep = 0
  /** This element suppresses visible text (script, style, head...). */
  skips = false
  /** Index in microdata of the item this element scopes, or -1. */
  item = -1
  link: PageLink | null = null
  list: ListState | null = null
  label: RadioRef[] | null = null
  constructor(tag: string, info: number) {
    this.tag = tag
    this.info = info
  }
}

/** Tags whose id or class names a choice list ('select#bitrate', 'ul.formats'). */
const LIST_TAGS = new Set(['ul', 'ol', 'select'])

function selectorOf(tag: string, a: Readonly<Attrs>): string {
  if (a.id) return `${tag}#${a.id}`
  if (a.name) return `${tag}[name=${a.name}]`
  const cls = a.cls?.trim().split(/\s+/)[0]
  return cls ? `${tag}.${cls}` : tag
}

const SKIPPED_HREF = /^(?:#|javascript:|mailto:|tel:|data:)/i

/** Hrefs that are fine as they are: no dot segments, backslashes, spaces or non-ASCII. */
function plainHref(href: string): boolean {
  if (href.indexOf('/.') >= 0 || href.indexOf('\\') >= 0) return false
  for (let i = 0; i < href.length; i++) {
    const c = href.charCodeAt(i)
    if (c <= 32 || c >= 127) return false
  }
  return true
}

/** What readDocument does with the events of TagReader (the Parser's callbacks it used). */
interface Sink {
  /** flags: the tag's TAGS flags. */
  opentagname(name: string, flags: number): void
  attribute(name: string, value: string): void
  closetag(): void
  text(data: string): void
  /** text(source.slice(start, end)), slicing only what is kept (most text is blank or hidden). */
  textAt(source: string, start: number, end: number): void
}

/*
 * htmlparser2's Parser (10.1.0, HTML mode, no recognizeSelfClosing or recognizeCDATA) tables for
 * implied end tags, void and foreign elements: TagReader must open and close exactly where it does.
 */
const FORM_TAGS = new Set('input option optgroup select button datalist textarea'.split(' '))
const P_TAG = new Set(['p'])
const TABLE_SECTION_TAGS = new Set(['thead', 'tbody'])
const DDT_TAGS = new Set(['dd', 'dt'])
const RTP_TAGS = new Set(['rt', 'rp'])
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['tbody', TABLE_SECTION_TAGS],
  ['tfoot', TABLE_SECTION_TAGS],
  ['dd', DDT_TAGS],
  ['dt', DDT_TAGS],
  ['rt', RTP_TAGS],
  ['rp', RTP_TAGS],
])
const P_CLOSERS =
  'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption ' +
  'figure footer form header hr main nav ol pre section table ul'
for (const t of P_CLOSERS.split(' ')) OPEN_IMPLIES_CLOSE.set(t, P_TAG)
for (const t of ['select', 'input', 'output', 'button', 'datalist', 'textarea']) {
  OPEN_IMPLIES_CLOSE.set(t, FORM_TAGS)
}
const VOID_ELEMENTS = new Set([
  ...'area base basefont br col command embed frame hr img input isindex keygen'.split(' '),
  ...'link meta param source track wbr'.split(' '),
])
const FOREIGN_CONTEXT = new Set(['math', 'svg'])
const HTML_INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
])
/** Attributes readDocument reads; the values of all others are never sliced out (CPU). */
const READ_ATTRS = new Set([
  ...'class id href name property content lang rel type value alt title src for'.split(' '),
  ...'datetime itemprop itemtype itemscope'.split(' '),
])

/** A lower-case tag name with everything TagReader and readDocument look up about it. */
interface TagInfo {
  name: string
  /** TAGS flags. */
  flags: number
  /** Open elements this one closes (OPEN_IMPLIES_CLOSE), or null. */
  implies: Set<string> | null
  void: boolean
  /** 1 foreign context (svg, math), 2 HTML integration point, 0 neither. */
  foreign: number
}

function tagInfo(name: string): TagInfo {
  return {
    name,
    flags: TAGS.get(name) ?? 0,
    implies: OPEN_IMPLIES_CLOSE.get(name) ?? null,
    void: VOID_ELEMENTS.has(name),
    foreign: FOREIGN_CONTEXT.has(name) ? 1 : HTML_INTEGRATION.has(name) ? 2 : 0,
  }
}

const COMMON_TAGS =
  'span td tr th tbody thead table b i u em strong small big sub sup font code kbd s strike abbr ' +
  'cite q dfn var bdi bdo mark ins del picture source video audio track nobr tt wbr area map ' +
  'col colgroup data output datalist progress meter embed param noscript template svg path g ' +
  'use rect circle line polygon polyline symbol defs clippath lineargradient stop mask desc ' +
  'math mi mo mn ms mtext foreignobject annotation-xml dd dt rt rp ruby keygen command isindex ' +
  'basefont frame frameset object canvas textarea head html'
/** Tag names met on most pages, each with its info computed once. */
const KNOWN_TAGS = new Map<string, TagInfo>()
for (const t of [
  ...TAGS.keys(),
  ...OPEN_IMPLIES_CLOSE.keys(),
  ...VOID_ELEMENTS,
  ...HTML_INTEGRATION,
  ...COMMON_TAGS.split(' '),
]) {
  KNOWN_TAGS.set(t, tagInfo(t))
}

/**
 * Names by length and first letter (index length * 128 + code), so a name in the page can be
 * matched without slicing, lower-casing and hashing a new string for every tag and attribute.
 */
function nameIndex<T extends { name: string }>(items: Iterable<T>): (T[] | undefined)[] {
  const index: (T[] | undefined)[] = []
  for (const item of items) {
    const key = item.name.length * 128 + item.name.charCodeAt(0)
    ;(index[key] ??= []).push(item)
  }
  return index
}
const TAG_INDEX = nameIndex(KNOWN_TAGS.values())
const ATTR_INDEX = nameIndex([...READ_ATTRS].map((name) => ({ name })))

/**
 * The entry whose name is html[start, end) lower-cased, when every character is ASCII; null
 * otherwise (other characters can lower-case to ASCII: the caller falls back to toLowerCase).
 */
function matchName<T extends { name: string }>(
  index: (T[] | undefined)[],
  html: string,
  start: number,
  end: number,
): T | null {
  const length = end - start
  let first = html.charCodeAt(start)
  if (length > 15 || first >= 128) return null
  if (first >= 65 && first <= 90) first += 32
  const bucket = index[length * 128 + first]
  if (!bucket) return null
  let last = html.charCodeAt(end - 1)
  if (last >= 65 && last <= 90) last += 32
  for (let j = 0; j < bucket.length; j++) {
    const item = bucket[j]!
    const name = item.name
    // The last letter first: it tells most same-length names apart (td, th, tr).
    if (name.charCodeAt(length - 1) !== last) continue
    let i = 1
    while (i < length) {
      let c = html.charCodeAt(start + i)
      if (c >= 65 && c <= 90) c += 32
      if (c !== name.charCodeAt(i)) break
      i++
    }
    if (i === length) return item
  }
  return null
}

/** The info of the tag named html[start, end). */
function readTag(html: string, start: number, end: number): TagInfo {
  const known = matchName(TAG_INDEX, html, start, end)
  if (known) return known
  const name = html.slice(start, end).toLowerCase()
  return KNOWN_TAGS.get(name) ?? tagInfo(name)
}

function hasNonAscii(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (html.charCodeAt(i) >= 128) return true
  return false
}

/**
 * htmlparser2's Parser reduced to the events readDocument uses, for one whole string. Stacks
 * keep their top at the end (the Parser's at index 0, with shift/unshift).
 */
class TagReader implements TokenizerCallbacks {
  private readonly html: string
  private readonly sink: Sink
  private readonly stack: string[] = []
  private readonly foreign: boolean[] = [false]
  private tag: TagInfo | null = null
  private attribname = ''
  private attribvalue = ''
  /** The current attribute is one readDocument reads. */
  private wanted = false

  constructor(html: string, sink: Sink) {
    this.html = html
    this.sink = sink
  }

  run(): void {
    const tokenizer = new Tokenizer({ decodeEntities: true }, this)
    tokenizer.write(this.html)
    tokenizer.end()
  }

  ontext(start: number, endIndex: number): void {
    this.sink.textAt(this.html, start, endIndex)
  }

  ontextentity(cp: number): void {
    this.sink.text(String.fromCodePoint(cp))
  }

  onopentagname(start: number, endIndex: number): void {
    this.emitOpenTag(readTag(this.html, start, endIndex))
  }

  private emitOpenTag(tag: TagInfo): void {
    this.tag = tag
    const stack = this.stack
    const implies = tag.implies
    if (implies) {
      while (stack.length > 0 && implies.has(stack[stack.length - 1]!)) {
        stack.pop()
        this.sink.closetag()
      }
    }
    if (!tag.void) {
      stack.push(tag.name)
      if (tag.foreign !== 0) this.foreign.push(tag.foreign === 1)
    }
    this.sink.opentagname(tag.name, tag.flags)
  }

  private endOpenTag(): void {
    if (this.tag?.void) this.sink.closetag()
    this.tag = null
  }

  onopentagend(): void {
    this.endOpenTag()
  }

  onclosetag(start: number, endIndex: number): void {
    const tag = readTag(this.html, start, endIndex)
    if (tag.foreign !== 0) this.foreign.pop()
    if (!tag.void) {
      const stack = this.stack
      const pos = stack.lastIndexOf(tag.name)
      if (pos !== -1) {
        while (stack.length > pos) {
          stack.pop()
          this.sink.closetag()
        }
      } else if (tag.name === 'p') {
        // Implicit open before close.
        this.emitOpenTag(tag)
        this.closeCurrentTag()
      }
    } else if (tag.name === 'br') {
      this.sink.opentagname('br', tag.flags)
      this.sink.closetag()
    }
  }

  onselfclosingtag(): void {
    if (this.foreign[this.foreign.length - 1]) this.closeCurrentTag()
    else this.endOpenTag()
  }

  private closeCurrentTag(): void {
    const name = this.tag?.name
    this.endOpenTag()
    // Self-closing tags are on the top of the stack.
    const stack = this.stack
    if (stack.length > 0 && stack[stack.length - 1] === name) {
      this.sink.closetag()
      stack.pop()
    }
  }

  onattribname(start: number, endIndex: number): void {
    const html = this.html
    const known = matchName(ATTR_INDEX, html, start, endIndex)
    if (known) {
      this.attribname = known.name
      this.wanted = true
    } else if (hasNonAscii(html, start, endIndex)) {
      this.attribname = html.slice(start, endIndex).toLowerCase()
      this.wanted = READ_ATTRS.has(this.attribname)
    } else this.wanted = false
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.wanted) this.attribvalue += this.html.slice(start, endIndex)
  }

  onattribentity(cp: number): void {
    if (this.wanted) this.attribvalue += String.fromCodePoint(cp)
  }

  onattribend(): void {
    if (this.wanted) {
      this.sink.attribute(this.attribname, this.attribvalue)
      this.attribvalue = ''
    }
  }

  onend(): void {
    for (let i = this.stack.length; i > 0; i--) this.sink.closetag()
  }

  // Comments, CDATA (a comment in HTML mode), declarations and processing instructions are unread.
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
}

const SEPARATOR_PIECES = new Set([' ', '\n', ' | '])

/**
 * Reads a decoded page in one pass: visible text, metadata, links, choice lists, controls,
 * scripts, JSON-LD and microdata.
 */
export function readDocument(html: string, url: string, finalUrl = url): DocView {
  let base: URL | null = null
  try {
    base = new URL(finalUrl)
  } catch {
    base = null
  }
  let origin =
    base && (base.protocol === 'http:' || base.protocol === 'https:') ? base.origin : null
  // One string for every same-host link (URL getters build a new string per call).
  let baseHost = base?.hostname ?? ''
  const pieces: string[] = []
  let rawLength = 0
  let title: string | null = null
  let lang: string | null = null
  const meta: Record<string, string> = {}
  const links: PageLink[] = []
  let linkCount = 0
  const choices: ChoiceGroup[] = []
  const controls: Control[] = []
  const images: string[] = []
  const imageFiles: string[] = []
  let imageLength = 0
  const scripts: string[] = []
  let scriptLength = 0
  const jsonLd: string[] = []
  let jsonLdLength = 0
  const microdata: MicrodataItem[] = []
  const itemStack: number[] = []
  const lists: ListState[] = []
  const radios: RadioRef[] = []
  const labelFor: Record<string, string> = {}
  const labels: RadioRef[][] = []
  const markers: Markers = {
    articles: 0,
    times: 0,
    bylines: 0,
    relAuthor: 0,
    passwordInputs: 0,
    forms: 0,
    appRoot: null,
    bodyElements: 0,
    iframes: 0,
    headings: 0,
  }
  const stack: Frame[] = []
  /** The element whose attributes are still arriving. */
  let pending: Frame | null = null
  /** Open elements that suppress visible text. */
  let skipping = 0
  /** Raw text of the open script, style or title element. */
  let raw = ''
  let inRaw = false
  let bodyDepth = -1

  /** Separator owed before the next text: 0 none, 1 space, 2 cell ' | ', 3 block boundary. */
  let gap = 0
  /** Appends visible text, paying the separator owed first (so blank nodes cost nothing). */
  const push = (s: string) => {
    if (rawLength >= RAW_TEXT_CAP) return
    if (gap !== 0) {
      if (pieces.length !== 0) pieces.push(gap === 3 ? '\n' : gap === 2 ? ' | ' : ' ')
      gap = 0
    }
    pieces.push(s)
    rawLength += s.length
  }
  const owe = (level: number) => {
    if (level > gap) gap = level
  }
  /** The element's own text when it is short (at most `max` pieces), else null. */
  const labelSince = (start: number, max = 40): string | null => {
    const count = pieces.length - start
    if (count > max) return null
    // Pieces are folded text, and a separator piece is always followed by text.
    if (count === 1) return pieces[start]!
    if (count === 2 && SEPARATOR_PIECES.has(pieces[start]!)) return pieces[start + 1]!
    if (count === 0) return ''
    return cleanLabel(pieces.slice(start).join(''))
  }
  const textSince = (start: number, count: number, cap: number): string =>
    cleanLabel(pieces.slice(start, start + count).join('')).slice(0, cap)

  /** Resolves an href; the common absolute and root-relative forms skip the URL parser (CPU). */
  const resolveLink = (href: string): PageLink | null => {
    if (plainHref(href)) {
      if (href.charCodeAt(0) === 47 && href.charCodeAt(1) !== 47) {
        if (origin) return { href: origin + href, host: baseHost, text: '' }
      } else if (href.startsWith('https://') || href.startsWith('http://')) {
        const from = href.indexOf('//') + 2
        let to = from
        while (to < href.length) {
          const c = href.charCodeAt(to)
          if (c === 47 || c === 63 || c === 35) break
          to++
        }
        const authority = href.slice(from, to)
        if (to > from && authority.indexOf('@') < 0) {
          const lower = authority.toLowerCase()
          const colon = lower.lastIndexOf(':')
          const host = colon >= 0 && lower.indexOf(']') < colon ? lower.slice(0, colon) : lower
          const rest =
            to === href.length
              ? '/'
              : href.charCodeAt(to) === 47
                ? href.slice(to)
                : `/${href.slice(to)}`
          return { href: href.slice(0, from) + lower + rest, host, text: '' }
        }
      }
    }
    try {
      const u = new URL(href, base ?? undefined)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
      return { href: u.href, host: u.hostname, text: '' }
    } catch {
      return null
    }
  }

  const setProp = (itemprop: string, value: string) => {
    const index = itemStack[itemStack.length - 1]
    const item = index !== undefined && index >= 0 ? microdata[index] : undefined
    if (!item) return
    for (const name of itemprop.toLowerCase().split(/\s+/)) {
      if (name && !(name in item.props)) item.props[name] = value
    }
  }

  /** Opens the pending element once all its attributes are known. */
  const open = (f: Frame) => {
    pending = null
    const tag = f.tag
    const info = f.info
    const a = f.a ?? NO_ATTRS
    f.sep = info & BLOCK_TAG ? 1 : info & CELL_TAG ? 2 : info & SPACED_TAG ? 3 : 0
    f.skips = (info & SKIP_TAG) !== 0
    if (info & SPECIAL_TAG)
      switch (tag) {
        case 'html':
          if (a.lang) lang = a.lang.trim().toLowerCase() || null
          break
        case 'body':
          bodyDepth = stack.length + 1
          break
        case 'title':
        case 'script':
        case 'style':
          inRaw = true
          raw = ''
          break
        case 'meta': {
          const key = (a.name ?? a.property ?? a.itemprop ?? '').toLowerCase()
          if (key && a.content !== undefined && !(key in meta)) meta[key] = a.content
          break
        }
        case 'base':
          if (a.href) {
            try {
              base = new URL(a.href, base ?? undefined)
              origin = base.protocol === 'http:' || base.protocol === 'https:' ? base.origin : null
              baseHost = base.hostname
            } catch {
              // An unusable <base> leaves the page address as the base.
            }
          }
          break
        case 'link':
          if (a.rel?.toLowerCase() === 'author') markers.relAuthor++
          break
        case 'img': {
          const alt = a.alt || a.title
          if (imageLength < IMAGE_TEXT_CAP) {
            if (alt) {
              images.push(alt)
              imageLength += alt.length
            }
            const src = a.src
            if (src && !src.startsWith('data:')) {
              const q = src.indexOf('?')
              const end = q < 0 ? src.length : q
              const file = src.slice(src.lastIndexOf('/', end) + 1, end)
              imageFiles.push(file)
              imageLength += file.length
            }
          }
          break
        }
        case 'input': {
          const type = (a.type ?? 'text').toLowerCase()
          if (type === 'password') markers.passwordInputs++
          else if (type === 'submit' || type === 'button' || type === 'image') {
            const text = (type === 'image' ? a.alt : a.value) ?? ''
            if (text && controls.length < CONTROL_CAP)
              controls.push({ where: `input[type=${type}]`, text, href: '' })
            if (type !== 'image' && text && skipping === 0) {
              owe(1)
              push(text)
              owe(1)
            }
          } else if (type === 'radio') {
            const r: RadioRef = {
              name: a.name ?? '',
              value: a.value ?? '',
              id: a.id ?? '',
              label: '',
            }
            radios.push(r)
            labels[labels.length - 1]?.push(r)
          }
          break
        }
        case 'iframe':
          markers.iframes++
          break
        case 'article':
          markers.articles++
          break
        case 'time':
          markers.times++
          break
        case 'form':
          markers.forms++
          break
        case 'h1':
        case 'h2':
        case 'h3':
          markers.headings++
          break
        case 'a':
          if (a.href !== undefined) {
            linkCount++
            const href = a.href.trim()
            if (links.length < LINK_CAP && href && !SKIPPED_HREF.test(href)) {
              f.link = resolveLink(href)
              if (f.link) links.push(f.link)
            }
          }
          break
        case 'ul':
        case 'ol':
        case 'select':
          f.list = { where: selectorOf(tag, a), items: [] }
          lists.push(f.list)
          break
        case 'label':
          f.label = []
          labels.push(f.label)
          break
      }
    if (stack.length === bodyDepth) markers.bodyElements++
    if (tag === 'app-root' && markers.appRoot === null) markers.appRoot = tag
    if (a.itemscope) {
      if (a.itemprop && itemStack.length) setProp(a.itemprop, '\u0000item')
      if (microdata.length < MICRODATA_CAP) {
        microdata.push({
          type: typeName(a.itemtype),
          parent: itemStack.length ? itemStack[itemStack.length - 1]! : -1,
          props: {},
          context: '',
        })
        f.item = microdata.length - 1
      }
      itemStack.push(f.item)
    }
    if (f.skips) skipping++
    if (skipping === 0 && f.sep !== 0) owe(f.sep === 1 ? 3 : f.sep === 2 ? 2 : 1)
    f.start = pieces.length
    stack.push(f)
  }

  const close = () => {
    if (pending) open(pending)
    const f = stack.pop()
    if (!f) return
    const start = f.start
    const a = f.a ?? NO_ATTRS
    if (f.info & SPECIAL_TAG)
      switch (f.tag) {
        case 'title':
          if (title === null) title = foldLabel(raw)
          inRaw = false
          break
        case 'style':
          inRaw = false
          break
        case 'script': {
          inRaw = false
          if (a.src) break
          const type = (a.type ?? '').toLowerCase()
          if (type === 'application/ld+json') {
            if (jsonLdLength + raw.length <= JSON_LD_CAP) {
              jsonLd.push(raw)
              jsonLdLength += raw.length
            }
          } else if (
            (type === '' ||
              type.includes('javascript') ||
              type.includes('json') ||
              type === 'module') &&
            scriptLength + raw.length <= SCRIPT_CAP
          ) {
            scripts.push(raw)
            scriptLength += raw.length
          }
          break
        }
        case 'a': {
          const text = labelSince(start, 60)
          if (f.link) f.link.text = text ?? textSince(start, 60, 200)
          if (text && text.length <= 60 && controls.length < CONTROL_CAP) {
            controls.push({ where: 'a', text, href: f.link?.href ?? '' })
          }
          break
        }
        case 'button': {
          const text = labelSince(start)
          if (text && controls.length < CONTROL_CAP)
            controls.push({ where: 'button', text, href: '' })
          break
        }
        case 'li':
        case 'option': {
          const list = lists[lists.length - 1]
          if (list && list.items.length < OPTION_CAP) {
            const text = labelSince(start, 12) || (f.tag === 'option' ? a.value : '')
            if (text && text.length <= 80) list.items.push(text)
          }
          break
        }
        case 'ul':
        case 'ol':
        case 'select': {
          if (f.list) lists.pop()
          const min = f.tag === 'select' ? 1 : 2
          if (f.list && f.list.items.length >= min && choices.length < CHOICE_CAP) {
            choices.push({ where: f.list.where, options: f.list.items })
          }
          break
        }
        case 'label': {
          labels.pop()
          const text = labelSince(start, 20) ?? ''
          if (f.label) for (const r of f.label) r.label = text
          if (a.forId) labelFor[a.forId] = text
          break
        }
      }
    if (a.itemscope) {
      itemStack.pop()
      const item = f.item >= 0 ? microdata[f.item] : undefined
      if (item) item.context = textSince(start, 80, 200)
    } else if (a.itemprop && itemStack.length) {
      const tag = f.tag
      const value =
        a.content ??
        (tag === 'a' || tag === 'link'
          ? a.href
          : tag === 'img'
            ? a.src
            : tag === 'time'
              ? a.datetime
              : tag === 'data'
                ? a.value
                : undefined)
      setProp(a.itemprop, value ?? textSince(start, 20, 1000))
    }
    if (f.skips) skipping--
    if (skipping === 0 && f.sep !== 0) owe(f.sep === 1 ? 3 : f.sep === 2 ? 2 : 1)
  }

  const sink: Sink = {
    opentagname(name: string, flags: number) {
      if (pending) open(pending)
      pending = new Frame(name, flags)
    },
    attribute(name: string, value: string) {
      const f = pending
      if (!f) return
      if (name === 'class') {
        // Byline classes matter on any element; the class itself only names choice lists.
        if (value.indexOf('author') >= 0 || value.indexOf('byline') >= 0) markers.bylines++
        if (LIST_TAGS.has(f.tag)) (f.a ??= new Attrs()).cls ??= value
        return
      }
      if (name === 'id') {
        if (markers.appRoot === null && APP_ROOT_IDS.has(value)) markers.appRoot = value
        if (f.info & SPECIAL_TAG) (f.a ??= new Attrs()).id ??= value
        return
      }
      // First occurrence wins, as in the DOM.
      switch (name) {
        case 'href':
          ;(f.a ??= new Attrs()).href ??= value
          break
        case 'name':
          ;(f.a ??= new Attrs()).name ??= value
          break
        case 'property':
          ;(f.a ??= new Attrs()).property ??= value
          break
        case 'content':
          ;(f.a ??= new Attrs()).content ??= value
          break
        case 'lang':
          ;(f.a ??= new Attrs()).lang ??= value
          break
        case 'rel':
          ;(f.a ??= new Attrs()).rel ??= value
          break
        case 'type':
          ;(f.a ??= new Attrs()).type ??= value
          break
        case 'value':
          ;(f.a ??= new Attrs()).value ??= value
          break
        case 'alt':
          ;(f.a ??= new Attrs()).alt ??= value
          break
        case 'title':
          if (f.tag === 'img') (f.a ??= new Attrs()).title ??= value
          break
        case 'src':
          ;(f.a ??= new Attrs()).src ??= value
          break
        case 'for':
          ;(f.a ??= new Attrs()).forId ??= value
          break
        case 'datetime':
          ;(f.a ??= new Attrs()).datetime ??= value
          break
        case 'itemprop':
          ;(f.a ??= new Attrs()).itemprop ??= value
          break
        case 'itemtype':
          ;(f.a ??= new Attrs()).itemtype ??= value
          break
        case 'itemscope':
          ;(f.a ??= new Attrs()).itemscope = true
          break
      }
    },
    closetag: close,
    text(data: string) {
      sink.textAt(data, 0, data.length)
    },
    textAt(source: string, start: number, end: number) {
      if (pending) open(pending)
      if (inRaw) raw += source.slice(start, end)
      else if (skipping === 0) {
        // Fold as we go: leading/trailing whitespace becomes an owed space, inner runs one space.
        let a = start
        let b = end
        while (a < b && isSpace(source.charCodeAt(a))) a++
        if (a === b) return owe(1)
        while (isSpace(source.charCodeAt(b - 1))) b--
        if (a > start) owe(1)
        const inner = a > 0 || b < source.length ? source.slice(a, b) : source
        push(needsFold(inner) ? inner.replace(WS, ' ') : inner)
        if (b < end) owe(1)
      }
    },
  }
  new TagReader(html, sink).run()
  if (pending) open(pending)

  // Radio groups, in page order, keyed by name.
  const groups = new Map<string, string[]>()
  for (const r of radios) {
    const label = r.label || (r.id ? labelFor[r.id] : '') || r.value
    if (!label) continue
    const key = r.name || '(unnamed)'
    const list = groups.get(key) ?? []
    if (list.length < OPTION_CAP) list.push(label)
    groups.set(key, list)
  }
  for (const [name, options] of groups) {
    if (options.length >= 2 && choices.length < CHOICE_CAP) {
      choices.push({ where: `input[type=radio][name=${name}]`, options })
    }
  }

  let text = pieces.join('')
  if (text.length > TEXT_CAP) text = text.slice(0, TEXT_CAP)
  const description = foldLabel(meta.description ?? meta['og:description'] ?? '')
  const keywords = foldLabel(meta.keywords ?? '')
  const imageText = images.join(' | ')
  const segments: Segment[] = []
  const pageTitle = title ?? ''
  if (pageTitle) segments.push({ where: 'title', text: pageTitle })
  if (description) segments.push({ where: 'meta:description', text: description })
  if (keywords) segments.push({ where: 'meta:keywords', text: keywords })
  if (text) segments.push({ where: 'text', text })
  if (imageText) segments.push({ where: 'img[alt]', text: imageText })

  return {
    url,
    finalUrl,
    host: hostOf(finalUrl),
    html,
    lang,
    title: pageTitle,
    description,
    keywords,
    meta,
    text,
    links,
    linkHosts: [...new Set(links.map((l) => l.host))],
    linkCount,
    choices,
    controls,
    imageText,
    imageFiles: imageFiles.join(' | '),
    scripts,
    jsonLd,
    microdata,
    markers,
    segments,
  }
}
