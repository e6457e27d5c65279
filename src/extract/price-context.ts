/**
 * The short excerpt of page or script text that each price mention carries as its context.
 */
import { isSpaceCode } from './char-class.ts'

/** Context excerpt length, as the contract says. */
export const CONTEXT_CHARS = 120
/** Most mentions kept per call: a catalogue page lists a few hundred prices; bounds memory. */
export const MAX_MENTIONS = 5_000

function isSpace(text: string, i: number): boolean {
  return isSpaceCode(text.charCodeAt(i))
}

/**
 * text[from, to) with every run of white space folded to one space and the ends trimmed, cut
 * to `max` characters: the same string as `text.slice(from, to).replace(/\s+/g, ' ').trim()`,
 * without a regex per excerpt (a page may have thousands).
 */
function foldSpace(text: string, from: number, to: number, max: number): string {
  while (from < to && isSpace(text, from)) from++
  while (to > from && isSpace(text, to - 1)) to--
  let out = ''
  let seg = from
  let i = from
  while (i < to && out.length + (i - seg) < max) {
    if (!isSpace(text, i)) {
      i++
      continue
    }
    let j = i + 1
    while (isSpace(text, j)) j++
    // A lone ordinary space is already folded; anything else is replaced by one.
    if (j - i > 1 || text.charCodeAt(i) !== 32) {
      out += text.slice(seg, i) + ' '
      seg = j
    }
    i = j
  }
  out = seg === from ? text.slice(from, to) : out + text.slice(seg, to)
  return out.length > max ? out.slice(0, max) : out
}

/** The range of the excerpt around text[start, end): CONTEXT_CHARS characters, centred. */
function excerptRange(length: number, start: number, end: number): [number, number] {
  const room = Math.max(0, CONTEXT_CHARS - (end - start))
  return [Math.max(0, start - Math.ceil(room / 2)), Math.min(length, end + Math.floor(room / 2))]
}

/** The excerpt around text[start, end): up to CONTEXT_CHARS characters, centred, spaces folded. */
export function excerpt(text: string, start: number, end: number): string {
  const [from, to] = excerptRange(text.length, start, end)
  return foldSpace(text, from, to, CONTEXT_CHARS)
}

/**
 * All of a text with its white space folded. Positions move only at runs of two or more
 * spaces, so only those are kept: `runStart[k]`, `runEnd[k]` and `shift[k]`, the characters
 * removed by runs 0..k together.
 */
interface FoldedText {
  text: string
  runStart: number[]
  runEnd: number[]
  shift: number[]
}

function foldAll(text: string): FoldedText {
  const n = text.length
  const runStart: number[] = []
  const runEnd: number[] = []
  const shift: number[] = []
  let out = ''
  let seg = 0
  let removed = 0
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    // Printable ASCII other than the space: the common case, one comparison.
    if ((c > 32 && c < 127) || !isSpaceCode(c)) {
      i++
      continue
    }
    let j = i + 1
    while (j < n && isSpace(text, j)) j++
    if (j - i > 1 || c !== 32) {
      out += text.slice(seg, i) + ' '
      seg = j
    }
    if (j - i > 1) {
      removed += j - i - 1
      runStart.push(i)
      runEnd.push(j)
      shift.push(removed)
    }
    i = j
  }
  return { text: seg === 0 ? text : out + text.slice(seg), runStart, runEnd, shift }
}

/** Where text[i] went in the folded text (a folded run's characters all go to its one space). */
function foldedIndex(f: FoldedText, i: number): number {
  // The last run that starts at or before i.
  let lo = 0
  let hi = f.runStart.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (f.runStart[mid]! <= i) lo = mid + 1
    else hi = mid
  }
  const k = lo - 1
  if (k < 0) return i
  const before = k > 0 ? f.shift[k - 1]! : 0
  if (i < f.runEnd[k]!) return f.runStart[k]! - before
  return i - f.shift[k]!
}

/**
 * The excerpts of many mentions of one text, each as {@link excerpt} gives it. When the
 * excerpts together are longer than the text (a catalogue page: a price every 50 characters,
 * 120 characters each), the text is folded once and each excerpt is a slice of it; otherwise
 * each excerpt is folded on its own.
 */
export function excerpter(text: string, count: number): (start: number, end: number) => string {
  if (count * CONTEXT_CHARS <= text.length) return (start, end) => excerpt(text, start, end)
  const folded = foldAll(text)
  return (start, end) => {
    const [from, to] = excerptRange(text.length, start, end)
    if (to <= from) return ''
    let a = foldedIndex(folded, from)
    let b = foldedIndex(folded, to - 1) + 1
    // Trimmed: a folded run at either end is one space.
    if (folded.text.charCodeAt(a) === 32) a++
    if (b > a && folded.text.charCodeAt(b - 1) === 32) b--
    return folded.text.slice(a, Math.min(b, a + CONTEXT_CHARS))
  }
}
