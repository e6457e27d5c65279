/**
 * The machinery every fact family shares.
 *
 * Speed: one regex pass per family over a page's text costs 0.05-0.3 ms each on the bench page,
 * several times the CPU budget once there are ten families, and one combined alternation is
 * slower still. So rules are keyed by the first four characters of the first word they can
 * start with; each text segment is tokenised once (for all families together) and a rule's
 * sticky regex runs only at tokens whose prefix is one of its keys. Word boundaries come for free
 * (tokens start at one) and understand Cyrillic and accented letters.
 */
import type { Segment } from '../document.ts'
import type { Evidence, Fact, FactKind } from '../types.ts'

/** One phrase pattern of a fact family. */
export interface Rule {
  kind: FactKind
  /**
   * Lower-case starts of the first token the pattern can match: a key of four or more chars
   * matches any token beginning with its first four chars, a shorter key matches that whole
   * token exactly ('add' needs 'adding' beside it). Numbers have their own keys ('#k', '#%',
   * '#a', '#n', see digitKey; '#' is all four); '(', '«', '/', '+', '$', '€', '£' and '№' are
   * tokens of their own.
   */
  keys: string[]
  /** Regex source; matched case-insensitively from the token on. Capturing groups are allowed. */
  src: string
  /** Normalised value, or a function of the matched text. */
  value?: string | ((match: string) => string | undefined)
  /** Extra test on a match; false drops it (e.g. FAIR must be upper case near licence words). */
  accept?: (match: string, text: string, index: number) => boolean
  /** Require a word boundary at the end of the match (default true). */
  bounded?: boolean
}

/** A rule match, before it becomes a Fact. */
export interface Hit {
  rule: Rule
  match: string
  index: number
  seg: Segment
}

/** Evidence excerpt radius in chars, each side of the match. */
const CONTEXT = 60

const UNICODE_WORD = /[\p{L}\p{N}]/u

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
  if (c >= 0x400 && c <= 0x4ff) return true
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7
  return UNICODE_WORD.test(String.fromCharCode(c))
}

/** True when the char at `i` is a letter or digit (so a match touching it is inside a word). */
export function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false
  return isWordCode(text.charCodeAt(i))
}

/** The match with ~60 chars of context either side, on one line ('\n' shown as ' / '). */
export function excerpt(text: string, index: number, length: number, radius = CONTEXT): string {
  let from = Math.max(0, index - radius)
  let to = Math.min(text.length, index + length + radius)
  // Widen to whole words so excerpts don't start or end mid-word.
  while (from > 0 && from > index - radius - 15 && isWordChar(text, from - 1)) from--
  while (to < text.length && to < index + length + radius + 15 && isWordChar(text, to)) to++
  // Segments are folded already (single spaces, one block per line).
  const s = text.slice(from, to)
  return (s.includes('\n') ? s.replaceAll('\n', ' / ') : s).trim()
}

/** True when `re` matches within `radius` chars of [index, index+length). `re` must not be global. */
export function near(
  text: string,
  index: number,
  length: number,
  re: RegExp,
  radius: number,
): boolean {
  return re.test(text.slice(Math.max(0, index - radius), index + length + radius))
}

// ---------------------------------------------------------------------------------------------
// Token index

/** Chars of a token's start that select rules: long enough to tell 'tracks' from 'transcoded'. */
const PREFIX = 4

/** Single-char tokens besides words: '(' '«' '/' '+' '$' '€' '£' '№'. */
function isPunctToken(c: number): boolean {
  return (
    c === 40 ||
    c === 171 ||
    c === 47 ||
    c === 43 ||
    c === 36 ||
    c === 8364 ||
    c === 163 ||
    c === 8470
  )
}

/**
 * Numeric key of a word token: a hash of its first four lower-case chars, or of the whole token
 * when shorter (marked, so 'no' does not collide with 'nothing'). Collisions only cost a failed
 * regex.
 */
function keyOf(lower: string, start: number, length: number): number {
  const n = length < PREFIX ? length : PREFIX
  let k = n
  for (let i = 0; i < n; i++) k = (Math.imul(k, 0x01000193) ^ lower.charCodeAt(start + i)) | 0
  return length < PREFIX ? k ^ 0x5bd1e995 : k
}

/**
 * Numbers are everywhere on a store page, and few rules start with one, so a number's key says
 * what follows it: '#k' a k/к unit (bitrates, "500k"), '#%' a percent sign, '#a' a word,
 * '#n' more digits of the same number ("1 000 000"). Other numbers select nothing.
 */
const DIGIT_KEYS: Record<string, number> = { '#k': -2, '#%': -3, '#a': -4, '#n': -5 }
const NO_KEY = -1

const isDigit = (c: number) => c >= 48 && c <= 57

function digitKey(text: string, lower: string, start: number, end: number): number {
  let j = start
  while (j < end && isDigit(text.charCodeAt(j))) j++
  if (j < end) return lower[j] === 'k' || lower[j] === 'к' ? -2 : -4
  let c = text.charCodeAt(end)
  if (c === 37) return -3
  if (c === 32 || c === 160 || c === 0x202f) {
    c = text.charCodeAt(end + 1)
    if (c === 37) return -3
    if (isDigit(c)) return -5
    if (c === 107 || c === 75 || c === 0x43a || c === 0x41a) return -2
    return isWordCode(c) ? -4 : NO_KEY
  }
  if ((c === 44 || c === 46) && isDigit(text.charCodeAt(end + 1))) return -5
  if (c === 43) return -4
  return NO_KEY
}

function keysOfString(key: string): number[] {
  if (key === '#') return Object.values(DIGIT_KEYS)
  if (key in DIGIT_KEYS) return [DIGIT_KEYS[key]!]
  const k = key.toLowerCase()
  return [keyOf(k, 0, k.length)]
}

interface Compiled {
  set: RuleSet
  rule: Rule
  sticky: RegExp
}

type Index = Map<number, Compiled[]>

/** Every RuleSet's keyed rules, so one token pass serves all families. */
const INDEX: Index = new Map()
const SETS: RuleSet[] = []

function addToIndex(index: Index, compiled: Compiled, keys: string[]): void {
  for (const key of keys) {
    for (const k of keysOfString(key)) {
      const list = index.get(k) ?? []
      if (!list.includes(compiled)) list.push(compiled)
      index.set(k, list)
    }
  }
}

/**
 * Runs the indexed rules over one text: tokenise (runs of letters/digits, and the punctuation
 * tokens), look each token's key up, and try the candidates' sticky regexes there.
 */
function scanText(seg: Segment, index: Index, sets: number): Hit[][] {
  const hits: Hit[][] = []
  /** Per rule set, the end of its last hit: matches do not overlap within a family. */
  const busyUntil = new Int32Array(sets)
  const text = seg.text
  let lower = text.toLowerCase()
  // Lower-casing may change the length (rare ligatures); keys then come from the original text.
  if (lower.length !== text.length) lower = text
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    let end: number
    let key: number
    if (isWordCode(c)) {
      end = i + 1
      while (end < n && isWordCode(text.charCodeAt(end))) end++
      if (!isDigit(c)) key = keyOf(lower, i, end - i)
      else {
        // The digits after a decimal or group separator continue a number already keyed.
        const p = text.charCodeAt(i - 1)
        const continued =
          (p === 46 || p === 44 || p === 32 || p === 160) && isDigit(text.charCodeAt(i - 2))
        key = continued ? NO_KEY : digitKey(text, lower, i, end)
      }
    } else if (isPunctToken(c)) {
      end = i + 1
      key = keyOf(lower, i, 1)
    } else {
      i++
      continue
    }
    const candidates = index.get(key)
    if (candidates !== undefined) {
      for (let j = 0; j < candidates.length; j++) {
        const cand = candidates[j]!
        const id = cand.set.id
        if (busyUntil[id]! > i) continue
        const re = cand.sticky
        re.lastIndex = i
        const m = re.exec(text)
        if (m === null || m[0].length === 0) continue
        const matchEnd = i + m[0].length
        const rule = cand.rule
        if (rule.bounded !== false && isWordChar(text, matchEnd) && isWordChar(text, matchEnd - 1))
          continue
        if (rule.accept && !rule.accept(m[0], text, i)) continue
        busyUntil[id] = matchEnd
        ;(hits[id] ??= []).push({ rule, match: m[0], index: i, seg })
      }
    }
    i = end
  }
  return hits
}

/** Hits of every registered rule set in one segment; computed once per segment object. */
const CACHE = new WeakMap<Segment, { sets: number; hits: Hit[][] }>()

function scanShared(seg: Segment): Hit[][] {
  const cached = CACHE.get(seg)
  if (cached && cached.sets === SETS.length) return cached.hits
  const hits = scanText(seg, INDEX, SETS.length)
  CACHE.set(seg, { sets: SETS.length, hits })
  return hits
}

/** A family's rules. Keyed rule sets share the page's token pass. */
export class RuleSet {
  readonly id: number
  private readonly plain: RegExp | null = null
  private readonly own: Index = new Map()
  constructor(
    private readonly rules: Rule[],
    /** Unkeyed mode: one regex pass, matches may sit inside words (host names). */
    anywhere = false,
  ) {
    this.id = SETS.length
    if (anywhere) {
      this.plain = new RegExp(
        rules.map((r) => `(${r.src.replace(/(?<!\\)\((?!\?)/g, '(?:')})`).join('|'),
        'giu',
      )
      return
    }
    SETS.push(this)
    for (const rule of rules) {
      const compiled: Compiled = { set: this, rule, sticky: new RegExp(rule.src, 'iuy') }
      addToIndex(INDEX, compiled, rule.keys)
      addToIndex(this.own, compiled, rule.keys)
    }
  }

  /** Every accepted match in the page's segments (shared token pass, cached per segment). */
  scan(segments: Segment[]): Hit[] {
    const out: Hit[] = []
    for (const seg of segments) {
      if (this.plain) this.scanPlain(seg, out)
      else for (const h of scanShared(seg)[this.id] ?? []) out.push(h)
    }
    return out
  }

  /** Matches in other texts (file names, host lists) with this set's rules only, uncached. */
  scanOwn(segments: Segment[]): Hit[] {
    const out: Hit[] = []
    for (const seg of segments) {
      if (this.plain) this.scanPlain(seg, out)
      else for (const h of scanText(seg, this.own, SETS.length)[this.id] ?? []) out.push(h)
    }
    return out
  }

  private scanPlain(seg: Segment, out: Hit[]): void {
    const re = this.plain!
    const text = seg.text
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++
        continue
      }
      let g = 1
      while (m[g] === undefined) g++
      const rule = this.rules[g - 1]!
      if (rule.accept && !rule.accept(m[0], text, m.index)) {
        re.lastIndex = m.index + 1
        continue
      }
      out.push({ rule, match: m[0], index: m.index, seg })
    }
  }
}

/** Value of a hit under its rule. */
export function valueOf(hit: Hit): string | undefined {
  const v = hit.rule.value
  return typeof v === 'function' ? v(hit.match) : v
}

/** Evidence of a hit. */
export function evidenceOf(hit: Hit): Evidence {
  return { text: excerpt(hit.seg.text, hit.index, hit.match.length), where: hit.seg.where }
}

/** Repeats of one (kind, value) kept: a few excerpts convince, hundreds only cost memory. */
const PER_VALUE_CAP = 3

/** Collects facts, keeping at most a few per (kind, value) unless a kind says otherwise. */
export class FactSink {
  readonly facts: Fact[] = []
  private readonly counts = new Map<string, number>()
  constructor(private readonly caps: Partial<Record<FactKind, number>> = {}) {}

  /** Adds a fact; `evidence` may be a function so capped repeats cost nothing. */
  add(kind: FactKind, value: string | undefined, evidence: Evidence | (() => Evidence)): void {
    const key = `${kind}\u0000${value ?? ''}`
    const n = this.counts.get(key) ?? 0
    if (n >= (this.caps[kind] ?? PER_VALUE_CAP)) return
    this.counts.set(key, n + 1)
    const ev = typeof evidence === 'function' ? evidence() : evidence
    this.facts.push(value === undefined ? { kind, evidence: ev } : { kind, value, evidence: ev })
  }

  addHit(hit: Hit): void {
    this.add(hit.rule.kind, valueOf(hit), () => evidenceOf(hit))
  }
}
