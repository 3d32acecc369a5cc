// A value loaded from Go now and again whenever the store changes, for
// views of derived data (Today, a ledger, attendance). Call it while a
// component initialises; props read inside get are tracked, so a new ID
// loads anew.
import { on, message } from './api'

export interface Live<T> {
  value: T | null
  error: string
  reload: () => Promise<void>
}

export function live<T>(get: () => Promise<T>): Live<T> {
  const s: Live<T> = $state({ value: null, error: '', reload })
  async function reload() {
    try {
      s.value = await get()
      s.error = ''
    } catch (e) {
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
