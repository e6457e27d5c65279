/**
 * What a price in free text is for (track, album, megabyte, gigabyte, month), from the words
 * around it: "$0.99 per track", "Альбом — 15 руб.", "2 руб. за 1 Мб", "9,90 € par mois".
 *
 * The windows are index ranges of the page text, so no substring is made per price, and each
 * window is read once, word by word, with table lookups. The rules behave like whole-word
 * regexes run over the window as a string of its own: a word cut by the window's edge is read
 * as cut. Words are compared case-insensitively with toLowerCase, which differs from a /iu
 * regex only for a few archaic letters (ſ, the Cyrillic Extended-C forms).
 */
import { LETTER, NUMBER, classAt, classBefore, cpLength, isSpaceCode } from './char-class.ts'
import type { PriceUnit } from './types.ts'

type Unit = Exclude<PriceUnit, 'unknown'>

/** A label after "per" before a price ("per track, $9") most likely names the price before it. */
const BEFORE_PER_PENALTY = 40
/** How far after a price a label without "per" may be: "$0.99 track", not the next heading. */
const LOOSE_AFTER = 12
/** ...and how much less such a label counts than one after "per". */
const LOOSE_PENALTY = 20
/** How many characters before a unit word are searched for "per", "за", "/" or "1". */
const LEAD_CHARS = 8

/** On equal distance the unit listed first wins. */
const RANK: Record<Unit, number> = { track: 0, album: 1, megabyte: 2, gigabyte: 3, month: 4 }

/** Whole words in any case ('\p{L}*' stems end in '*'), by unit. */
const ANY_CASE: [Unit, string[]][] = [
  ['track', ['track', 'tracks', 'song', 'songs', 'single', 'singles', 'трек*', 'песн*']],
  ['track', ['композици*', 'titre', 'titres', 'morceau', 'morceaux', 'chanson', 'chansons']],
  // Spanish, German, Italian and Polish: languages the family's clones have been seen in.
  ['track', ['canción', 'canciones', 'tema', 'temas', 'titel', 'brano', 'brani', 'utw*']],
  ['album', ['album', 'albums', 'альбом*', 'release', 'releases', 'релиз*']],
  ['album', ['álbum', 'álbumes', 'alben', 'albumy', 'albumu', 'albumów']],
  ['month', ['month', 'months', 'monthly', 'месяц*', 'мес', 'mois', 'mensuel*']],
  ['month', ['subscription', 'subscriptions', 'подписк*', 'abonnement', 'abonnements']],
]
/** Whole words in this case only: 'MB' and 'Mo' name a unit, 'mO' does not. */
const CASED: [Unit, string[]][] = [
  ['album', ['LP', 'EP']],
  ['megabyte', ['MB', 'Mb', 'mb', 'МБ', 'Мб', 'мб', 'Mo', 'megabyte', 'megabytes', 'мегабайт*']],
  ['megabyte', ['mégaoctet', 'mégaoctets']],
  ['gigabyte', ['GB', 'Gb', 'gb', 'ГБ', 'Гб', 'гб', 'Go', 'gigabyte', 'gigabytes', 'гигабайт*']],
  ['gigabyte', ['gigaoctet', 'gigaoctets']],
]
/** Sizes count only after "per", "за", "/", "le" or "1": '120 MB' is a size, 'per MB' a unit. */
const NEEDS_PER = new Set<Unit>(['megabyte', 'gigabyte'])

const EXACT_ANY_CASE = new Map<string, Unit>()
const EXACT_CASED = new Map<string, Unit>()
const STEMS_ANY_CASE: [string, Unit][] = []
const STEMS_CASED: [string, Unit][] = []
for (const [table, exact, stems] of [
  [ANY_CASE, EXACT_ANY_CASE, STEMS_ANY_CASE],
  [CASED, EXACT_CASED, STEMS_CASED],
] as const) {
  for (const [unit, list] of table) {
    for (const w of list) {
      if (w.endsWith('*')) stems.push([w.slice(0, -1), unit])
      else exact.set(w, unit)
    }
  }
}
/**
 * The shapes of unit words, by the code of their first letter: a bit per length of a whole
 * word (lengths above 31 have none) and the shortest stem. A word of another shape is skipped
 * without a slice; most words on a page are. A word matched in any case may start with its
 * first letter in either case (toLowerCase maps no other letter onto these).
 */
interface Shape {
  lengths: number
  stemMin: number
}
const SHAPES = new Map<number, Shape>()
function addShape(first: string, length: number, stem: boolean): void {
  const code = first.charCodeAt(0)
  const shape = SHAPES.get(code) ?? { lengths: 0, stemMin: Infinity }
  if (stem) shape.stemMin = Math.min(shape.stemMin, length)
  else if (length < 32) shape.lengths |= 1 << length
  SHAPES.set(code, shape)
}
for (const [words, anyCase] of [
  [[...EXACT_ANY_CASE.keys()], true],
  [[...EXACT_CASED.keys()], false],
] as const) {
  for (const w of words) {
    addShape(w[0]!, w.length, false)
    if (anyCase) addShape(w[0]!.toUpperCase(), w.length, false)
  }
}
for (const [stems, anyCase] of [
  [STEMS_ANY_CASE, true],
  [STEMS_CASED, false],
] as const) {
  for (const [stem] of stems) {
    addShape(stem[0]!, stem.length, true)
    if (anyCase) addShape(stem[0]!.toUpperCase(), stem.length, true)
  }
}

/** The shapes of words with an ASCII first letter, read without hashing: lengths, shortest stem. */
const ASCII_LENGTHS = new Int32Array(128)
const ASCII_STEM_MIN = new Int32Array(128).fill(0x7fffffff)
for (const [code, shape] of SHAPES) {
  if (code >= 128) continue
  ASCII_LENGTHS[code] = shape.lengths
  if (shape.stemMin !== Infinity) ASCII_STEM_MIN[code] = shape.stemMin
}

/** Whether a word of `length` code units starting with the code `first` may be a unit word. */
function mayBeUnitWord(first: number, length: number): boolean {
  if (first < 128) {
    const lengths = ASCII_LENGTHS[first]!
    return (length < 32 && (lengths & (1 << length)) !== 0) || length >= ASCII_STEM_MIN[first]!
  }
  const shape = SHAPES.get(first)
  if (!shape) return false
  return (length < 32 && (shape.lengths & (1 << length)) !== 0) || length >= shape.stemMin
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** Where the run of letters that starts at `i` ends, not looking past `end`. */
function wordEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c < 128) {
      if (!isAsciiLetter(c)) break
      i++
    } else {
      if ((classAt(text, i, end) & LETTER) === 0) break
      i += cpLength(text, i, end)
    }
  }
  return i
}

/** Words that make the following unit the thing priced: "per MB", "за трек", "le Mo". */
const PER_WORDS = new Set(['per', 'each', 'a', 'an', 'par', 'le', 'la', 'pour', 'за', 'в', 'по'])
/** The longest of PER_WORDS. */
const LONGEST_PER = 4

function isSpace(text: string, i: number): boolean {
  return isSpaceCode(text.charCodeAt(i))
}

/** Where the run of white space that ends at `end` starts, not looking before `start`. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text, end - 1)) end--
  return end
}

/** Where the run of letters that ends at `end` starts, not looking before `start`. */
function wordStart(text: string, start: number, end: number): number {
  let i = end
  while ((classBefore(text, i, start) & LETTER) !== 0) {
    const d = text.charCodeAt(i - 1)
    const pair = d >= 0xdc00 && d <= 0xdfff && i - 2 >= start && isHighSurrogate(text, i - 2)
    i -= pair ? 2 : 1
  }
  return i
}

function isHighSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c >= 0xd800 && c <= 0xdbff
}

/**
 * Whether text[start, end) ends with a word that makes the next unit the thing priced: "per",
 * "each", "a", "par", "le", "за", "в", "по" (then any spaces), "/" (then at most one space),
 * "l'". Words count only whole, the start of the range counting as a word boundary.
 */
export function endsWithPer(text: string, start: number, end: number): boolean {
  if (end <= start) return false
  const last = text.charCodeAt(end - 1)
  // "l'", "l’": no space may follow.
  if ((last === 39 || last === 0x2019) && end - 2 >= start) {
    const l = text.charCodeAt(end - 2)
    if ((l === 108 || l === 76) && (classBefore(text, end - 2, start) & LETTER) === 0) return true
  }
  // "/" then at most one space.
  if (last === 47) return true
  if (end - 2 >= start && text.charCodeAt(end - 2) === 47 && isSpace(text, end - 1)) return true
  const q = trimEnd(text, start, end)
  if (q === start) return false
  const p = wordStart(text, start, q)
  if (q - p === 0 || q - p > LONGEST_PER) return false
  return PER_WORDS.has(text.slice(p, q).toLowerCase())
}

/** Whether text[start, end) ends with a lone "1" (then spaces): "за 1 Мб", "1 MB — 2 руб.". */
function endsWithOne(text: string, start: number, end: number): boolean {
  const q = trimEnd(text, start, end)
  if (q === start || text.charCodeAt(q - 1) !== 49) return false
  if (q - 1 === start) return true
  const c = text.charCodeAt(q - 2)
  return !((c >= 48 && c <= 57) || c === 46 || c === 44)
}

/** The unit a whole word names, or null. */
function wordUnit(word: string): Unit | null {
  const cased = EXACT_CASED.get(word)
  if (cased) return cased
  for (const [stem, unit] of STEMS_CASED) if (word.startsWith(stem)) return unit
  const lower = word.toLowerCase()
  const exact = EXACT_ANY_CASE.get(lower)
  if (exact) return exact
  for (const [stem, unit] of STEMS_ANY_CASE) if (lower.startsWith(stem)) return unit
  return null
}

/** The best label found so far: the lowest score wins. */
interface Best {
  unit: PriceUnit
  score: number
}

/**
 * Scores one unit word at text[at, end) of the window text[lo, hi). Before the price the
 * nearest word wins (a word after "per" there belongs to the price before: "per track, $9");
 * after the price, a word after "per" wins by nearness, any other only within LOOSE_AFTER.
 */
function consider(
  text: string,
  unit: Unit,
  at: number,
  end: number,
  lo: number,
  hi: number,
  after: boolean,
  best: Best,
): void {
  const leadFrom = Math.max(lo, at - LEAD_CHARS)
  const per = endsWithPer(text, leadFrom, at)
  if (NEEDS_PER.has(unit) && !per && !endsWithOne(text, leadFrom, at)) return
  let score: number
  if (!after) score = hi - end + (per ? BEFORE_PER_PENALTY : 0)
  else if (per) score = at - lo
  else if (at - lo <= LOOSE_AFTER) score = at - lo + LOOSE_PENALTY
  else return
  if (score < best.score || (score === best.score && RANK[unit] < RANK[best.unit as Unit])) {
    best.score = score
    best.unit = unit
  }
}

/** Whether a number of two or more (not a lone "1") stands just before text[at]. */
function countBefore(text: string, lo: number, at: number): boolean {
  let i = at
  while (i > lo && isSpace(text, i - 1)) i--
  if (i === at || i === lo) return false
  let j = i
  while (j > lo && text.charCodeAt(j - 1) >= 48 && text.charCodeAt(j - 1) <= 57) j--
  if (j === i) return false
  return !(i - j === 1 && text.charCodeAt(j) === 49)
}

/** Reads the unit words of the window text[lo, hi) into `best`. */
function scanWindow(text: string, lo: number, hi: number, after: boolean, best: Best): void {
  let i = lo
  while (i < hi) {
    const c = text.charCodeAt(i)
    // "/mo", "/ mo": a month, whatever stands before the slash.
    if (c === 47) {
      const m = i + 1 < hi && isSpace(text, i + 1) ? i + 2 : i + 1
      if (
        m + 1 < hi &&
        text.charCodeAt(m) === 109 &&
        text.charCodeAt(m + 1) === 111 &&
        (m + 2 >= hi || (classAt(text, m + 2, hi) & LETTER) === 0)
      ) {
        consider(text, 'month', i, m + 2, lo, hi, after, best)
      }
      i++
      continue
    }
    if (c < 128 ? !isAsciiLetter(c) : (classAt(text, i, hi) & LETTER) === 0) {
      i += c < 128 ? 1 : cpLength(text, i, hi)
      continue
    }
    const start = i
    i = wordEnd(text, i, hi)
    if (!mayBeUnitWord(c, i - start)) continue
    // A word glued to a number ('5MB', '320kbps') is not a label.
    if ((classBefore(text, start, lo) & NUMBER) !== 0) continue
    let unit = wordUnit(text.slice(start, i))
    if (!unit) continue
    // "15 tracks $1.49", "24 Titel · 1,39 €": a count of tracks prices the release they make up.
    if (unit === 'track' && countBefore(text, lo, start)) unit = 'album'
    let end = i
    // "мес." takes its dot when no letter follows it.
    if (unit === 'month' && i - start === 3 && i < hi && text.charCodeAt(i) === 46) {
      const word = text.slice(start, i).toLowerCase()
      if (word === 'мес' && (i + 1 >= hi || (classAt(text, i + 1, hi) & LETTER) === 0)) end++
    }
    consider(text, unit, start, end, lo, hi, after, best)
  }
}

/**
 * The unit of a price from the text before it, text[beforeFrom, beforeTo), and after it,
 * text[afterFrom, afterTo); 'unknown' when no label is near.
 */
export function unitAround(
  text: string,
  beforeFrom: number,
  beforeTo: number,
  afterFrom: number,
  afterTo: number,
): PriceUnit {
  const best: Best = { unit: 'unknown', score: Infinity }
  scanWindow(text, beforeFrom, beforeTo, false, best)
  scanWindow(text, afterFrom, afterTo, true, best)
  return best.unit
}

/** Where a sentence ends: a mark then a space. Labels do not cross it. */
function isSentenceMark(c: number): boolean {
  // . ! ? ; | • ·
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 124 || c === 0x2022 || c === 0xb7
}

/** The start of the last sentence in text[start, end): just after the last mark and its space. */
export function lastSentenceStart(text: string, start: number, end: number): number {
  for (let i = end - 2; i >= start; i--) {
    if (isSentenceMark(text.charCodeAt(i)) && isSpace(text, i + 1)) return i + 2
  }
  return start
}

/** The end of the first sentence in text[start, end): just after its mark. */
export function firstSentenceEnd(text: string, start: number, end: number): number {
  for (let i = start; i + 1 < end; i++) {
    if (isSentenceMark(text.charCodeAt(i)) && isSpace(text, i + 1)) return i + 1
  }
  return end
}
