// The spaces this device is in and every shared item's badges, loaded once
// for the whole window and again when the store or a space's state changes:
// every list row and page reads its badges from here, not with a call each.
import { on, spaces, spaceBadges, type SpaceBadge, type SpaceView } from './api'

export const teams = $state({ list: [] as SpaceView[], badges: {} as Record<string, SpaceBadge[]>, loaded: false })

let started = false
// An import changes the store many times a second: the badges (a pass over
// every shared kind) load once at a time, and once more after if asked meanwhile.
let loading: Promise<void> | null = null
let again = false

function load(): Promise<void> {
  if (loading) {
    again = true
    return loading
  }
  loading = (async () => {
    try {
      const [list, badges] = await Promise.all([spaces(), spaceBadges()])
      teams.list = list
      teams.badges = badges
      teams.loaded = true
    } catch {
      // The badges stay as they were; the Spaces screen says what is wrong.
    } finally {
      loading = null
      if (again) {
        again = false
        load()
      }
    }
  })()
  return loading
}

/** Starts loading (once); components that show spaces call it as they initialise. */
export function watchTeams(): void {
  if (started) return
  started = true
  try {
    load()
    on('store:changed', load)
    on('spaces:status', load)
  } catch {
    // No events (a test without them): the badges stay as loaded.
  }
}

/** Loads again now (after creating, joining, sharing). */
export const reloadTeams = (): Promise<void> => load()

/** The spaces one can share into: those this device is still a member of. */
export const activeSpaces = (): SpaceView[] => teams.list.filter((s) => !s.status?.gone)
