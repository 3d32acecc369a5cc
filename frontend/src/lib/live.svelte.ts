// Data loaded from Go now and again whenever the store changes: every
// view reloads through here rather than listening to store:changed itself.
// Call these while a component initialises; reactive values read inside
// get are tracked, so a new ID or range loads anew.
import { on, message } from './api'

export interface Live<T> {
  value: T | null
  error: string
  reload: () => Promise<void>
}

/** A value from get, reloaded on every store change; only the latest answer lands. */
export function live<T>(get: () => Promise<T>): Live<T> {
  const s: Live<T> = $state({ value: null, error: '', reload })
  let seq = 0
  async function reload() {
    const mine = ++seq
    try {
      const v = await get()
      if (mine !== seq) return
      s.value = v
      s.error = ''
    } catch (e) {
      if (mine !== seq) return
      s.value = null
      s.error = message(e)
    }
  }
  $effect(() => {
    reload()
    return on('store:changed', reload)
  })
  return s
}

export interface Changes {
  /** Goes up by one on every store change (and on bump). */
  readonly count: number
  bump: () => void
}

/** A counter of store changes, for views that load page by page (a virtual list) and start again when it moves. */
export function storeChanges(): Changes {
  let count = $state(0)
  $effect(() => on('store:changed', () => count++))
  return {
    get count() {
      return count
    },
    bump: () => count++,
  }
}
