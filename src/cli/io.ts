/** The terminal as the commands see it; tests and scripts can pass their own. */
export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  stdin: () => Promise<string>
}

export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  stderr: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  stdin: async () => {
    const chunks: Buffer[] = []
    for await (const c of process.stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
}
