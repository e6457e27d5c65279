/** Thrown inside the fetcher when a run has no subrequests left; the site is carried over. */
class BudgetExhausted extends Error {
  override name = 'BudgetExhausted'
}

/**
 * Counts fetch hops (subrequests) across one invocation. The Free plan allows 50 per invocation;
 * the budget refuses the hop that would pass its cap instead of letting the runtime kill the run.
 */
export class SubrequestBudget {
  used = 0
  constructor(readonly max: number) {}

  get remaining() {
    return this.max - this.used
  }

  /** Takes one subrequest, or returns false when none is left. */
  take(): boolean {
    if (this.used >= this.max) return false
    this.used++
    return true
  }

  /** A fetch for one site that spends this budget, and tells afterwards whether it ran out. */
  guard(): { fetch: typeof fetch; readonly exhausted: boolean } {
    const state = { exhausted: false }
    const f = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (!this.take()) {
        state.exhausted = true
        return Promise.reject(new BudgetExhausted('subrequest budget exhausted'))
      }
      return fetch(input, init)
    }) as typeof fetch
    return {
      fetch: f,
      get exhausted() {
        return state.exhausted
      },
    }
  }
}
