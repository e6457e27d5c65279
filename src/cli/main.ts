/**
 * The command line: the same extract and score code as the Worker, run in Node.
 *   npm run --silent cli -- analyze <file-or-url> [--url <address>] [--json]
 *   npm run --silent cli -- price "<text>" [--currency-hint <text>] [--json]
 *   npm run --silent cli -- price --batch < cases.json
 */
import { runAnalyzeCommand } from './analyze.ts'
import { processIo } from './io.ts'
import { runPriceCommand } from './price.ts'

const USAGE = `usage:
  cli analyze <file-or-url>... [--url <address>] [--list <file>] [--json]
  cli price "<text>" [--currency-hint <text>] [--json]
  cli price --batch < cases.json`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'analyze':
      return runAnalyzeCommand(rest, processIo)
    case 'price':
      return runPriceCommand(rest, processIo)
    case undefined:
    case '-h':
    case '--help':
      processIo.stdout(USAGE)
      return command === undefined ? 2 : 0
    default:
      processIo.stderr(`unknown command ${JSON.stringify(command)}; try --help`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    processIo.stderr(`error: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  },
)
