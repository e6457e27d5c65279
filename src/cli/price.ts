/**
 * `price`: parses price labels from the command line with the same parser the Worker uses.
 *
 *   price "<text>" [--currency-hint <text>] [--decimal-separator <c>] [--json]
 *   price --batch < cases.json
 *     stdin [{text, currencyHint?}], stdout [{amount, currency, currencyText}], same order
 *
 * `argv` holds the arguments after the word `price`. Returns the exit code: 0, or 2 for bad input.
 */
import { parsePrice } from '../extract/price.ts'
import type { ParsedPrice } from '../extract/types.ts'

/** Where the command reads and writes; the caller binds it to the process or to a test. */
export interface PriceIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  stdin: () => Promise<string>
}

const USAGE = `usage: price "<text>" [--currency-hint <text>] [--decimal-separator <c>] [--json]
       price --batch < cases.json   (JSON array of {text, currencyHint?})`

/** Exit code for bad input, as for a usage error. */
const BAD_INPUT = 2

interface Options {
  text: string | null
  hint: string | null
  decimalSeparator: string | null
  json: boolean
  batch: boolean
  help: boolean
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Options = {
    text: null,
    hint: null,
    decimalSeparator: null,
    json: false,
    batch: false,
    help: false,
  }
  let positional = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [name, inline] = arg.startsWith('--') ? splitOnce(arg, '=') : [arg, undefined]
    const value = (): string => {
      if (inline !== undefined) return inline
      const next = argv[++i]
      if (next === undefined) throw new UsageError(`${name} needs a value`)
      return next
    }
    // "-5 €" and "- $44.99" are texts; options start with letters.
    if (positional || !/^--?[A-Za-z]/.test(arg)) {
      if (opts.text !== null)
        throw new UsageError(`one text at a time (got also ${JSON.stringify(arg)}); quote it`)
      opts.text = arg
    } else if (arg === '--') positional = true
    else if (name === '--currency-hint') opts.hint = value()
    else if (name === '--decimal-separator') opts.decimalSeparator = value()
    else if (arg === '--json') opts.json = true
    else if (arg === '--batch') opts.batch = true
    else if (arg === '--help' || arg === '-h') opts.help = true
    else throw new UsageError(`unknown option ${arg}`)
  }
  return opts
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const at = s.indexOf(sep)
  return at < 0 ? [s, undefined] : [s.slice(0, at), s.slice(at + 1)]
}

function forPeople(p: ParsedPrice): string {
  const amount = `amount ${p.amount ?? 'none'}`
  if (p.currencyText === null) return `${amount}  currency none`
  return `${amount}  currency ${p.currency ?? 'unknown'}  (as written: ${p.currencyText})`
}

function asJson(p: ParsedPrice): ParsedPrice {
  return { amount: p.amount, currency: p.currency, currencyText: p.currencyText }
}

/** Validates the batch document; the message names the first problem found. */
function parseBatch(raw: string): { text: string; currencyHint: string | null }[] {
  let doc: unknown
  try {
    doc = JSON.parse(raw)
  } catch (e) {
    // JSON.parse quotes the input, newlines included; the error must stay on one line.
    const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')
    throw new UsageError(`stdin is not JSON (${why})`)
  }
  if (!Array.isArray(doc))
    throw new UsageError('stdin must be a JSON array of {text, currencyHint?}')
  return doc.map((item: unknown, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new UsageError(`element ${i}: must be an object {text, currencyHint?}`)
    }
    const { text, currencyHint } = item as { text?: unknown; currencyHint?: unknown }
    if (typeof text !== 'string') throw new UsageError(`element ${i}: "text" must be a string`)
    if (currencyHint !== undefined && currencyHint !== null && typeof currencyHint !== 'string') {
      throw new UsageError(`element ${i}: "currencyHint" must be a string or null`)
    }
    return { text, currencyHint: currencyHint ?? null }
  })
}

/** Runs `price` with the arguments after the word `price`; resolves to the exit code. */
export async function runPriceCommand(argv: string[], io: PriceIo): Promise<number> {
  let opts: Options
  try {
    opts = parseArgs(argv)
  } catch (e) {
    io.stderr(`price: ${(e as Error).message}\n`)
    return BAD_INPUT
  }
  if (opts.help) {
    io.stdout(`${USAGE}\n`)
    return 0
  }
  if (opts.batch) {
    if (opts.text !== null) {
      io.stderr('price --batch: reads its cases from stdin; give no text argument\n')
      return BAD_INPUT
    }
    try {
      const items = parseBatch(await io.stdin())
      const out = items.map((c) =>
        asJson(parsePrice(c.text, c.currencyHint, opts.decimalSeparator)),
      )
      io.stdout(`${JSON.stringify(out)}\n`)
      return 0
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      io.stderr(`price --batch: ${e.message}\n`)
      return BAD_INPUT
    }
  }
  if (opts.text === null) {
    io.stderr('price: missing "<text>" (usage: price "<text>" [--currency-hint <text>] [--json])\n')
    return BAD_INPUT
  }
  const parsed = parsePrice(opts.text, opts.hint, opts.decimalSeparator)
  io.stdout(opts.json ? `${JSON.stringify(asJson(parsed))}\n` : `${forPeople(parsed)}\n`)
  return 0
}
