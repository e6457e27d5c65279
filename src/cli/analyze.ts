import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { fetchPage } from '../fetch/fetcher.ts'
import type { PageInput } from '../extract/types.ts'
import { activeProfile } from '../profile/index.ts'
import { analyzePage } from '../score/analyze.ts'
import type { Assessment } from '../score/types.ts'
import { formatAssessment } from './format.ts'
import type { CliIo } from './io.ts'

interface Args {
  targets: string[]
  url: string | null
  json: boolean
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { targets: [], url: null, json: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--json') args.json = true
    else if (a === '--url' || a === '--list') {
      const v = argv[++i]
      if (v === undefined) return `${a} needs a value`
      if (a === '--url') args.url = v
      else args.targets.push(`@list:${v}`)
    } else if (a.startsWith('--')) return `unknown option ${a}`
    else args.targets.push(a)
  }
  if (args.targets.length === 0) return 'analyze needs a file or URL (or --list <file>)'
  return args
}

/** Loads one target as the extractor's input: a URL is fetched (the only network use), a file read. */
async function load(target: string, asUrl: string | null): Promise<PageInput> {
  if (/^https?:\/\//i.test(target)) {
    const page = await fetchPage(target)
    if (!page.body || (page.outcome !== 'ok' && page.outcome !== 'too-large')) {
      throw new Error(
        `${target}: ${page.outcome}${page.status ? ` ${page.status}` : ''}${page.error ? `: ${page.error}` : ''}`,
      )
    }
    return {
      url: asUrl ?? target,
      finalUrl: asUrl ?? page.finalUrl,
      headers: page.headers,
      body: page.body,
    }
  }
  const body = new Uint8Array(await readFile(target))
  const url = asUrl ?? pathToFileURL(resolve(target)).toString()
  return { url, finalUrl: url, headers: {}, body }
}

async function expand(targets: string[]): Promise<string[]> {
  const out: string[] = []
  for (const t of targets) {
    if (!t.startsWith('@list:')) {
      out.push(t)
      continue
    }
    const text = await readFile(t.slice(6), 'utf8')
    out.push(
      ...text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    )
  }
  return out
}

/** `analyze`: one page gives one report; several give progress on stderr and, with --json, JSON lines. */
export async function runAnalyzeCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv)
  if (typeof args === 'string') {
    io.stderr(`analyze: ${args}`)
    return 2
  }
  const profile = activeProfile()
  let targets: string[]
  try {
    targets = await expand(args.targets)
  } catch (e) {
    io.stderr(`analyze: ${(e as Error).message}`)
    return 2
  }
  const many = targets.length > 1
  if (many && args.url) {
    io.stderr('analyze: --url applies to a single page')
    return 2
  }
  let failed = 0
  for (const [i, t] of targets.entries()) {
    if (many) io.stderr(`[${i + 1}/${targets.length}] ${t}`)
    let a: Assessment
    try {
      a = analyzePage(await load(t, args.url), profile)
    } catch (e) {
      failed++
      io.stderr(`analyze: ${(e as Error).message.split('\n')[0]}`)
      continue
    }
    if (args.json) io.stdout(many ? JSON.stringify(a) : JSON.stringify(a, null, 2))
    else io.stdout(formatAssessment(a, profile) + (many ? '\n' : ''))
  }
  return failed === 0 ? 0 : 1
}
