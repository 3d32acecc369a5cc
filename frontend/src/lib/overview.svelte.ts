// The store's overview (counts, data directory), shared by every screen and
// refreshed by App whenever the store changes.
import type { Overview } from './api'

export const shared = $state({ info: null as Overview | null })
