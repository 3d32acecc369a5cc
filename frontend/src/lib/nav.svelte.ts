// Which screen the window shows, and what is selected on it.
import type { Screen } from './screens'
export type { Screen }

export const nav = $state({ screen: 'today' as Screen, id: '', editing: false, creating: false })

export function go(screen: Screen, id = '') {
  nav.screen = screen
  nav.id = id
  nav.editing = false
  nav.creating = false
}

/** Opens a screen on its form for a new one (a person, a community). */
export function create(screen: Screen) {
  go(screen)
  nav.creating = true
}

export const newPerson = () => create('people')

/** The window-wide overlays: quick search, quick log, the shortcut help. */
export const overlay = $state({
  palette: false,
  log: '' as '' | 'interaction' | 'learning',
  logText: '',
  logWith: [] as { id: string; kind: string; title: string }[],
  help: false,
})

/** Opens quick log; with names who it was with (or learned from). */
export function quickLog(kind: 'interaction' | 'learning' = 'interaction', text = '', withWhom: { id: string; kind: string; title: string }[] = []) {
  overlay.palette = false
  overlay.logText = text
  overlay.logWith = withWhom
  overlay.log = kind
}

export const screenOf: Record<string, Screen> = {
  person: 'people',
  community: 'communities',
  source: 'sources',
  event: 'events',
  interaction: 'log',
  learning: 'log',
  goal: 'today', // goals and their progress live on Today
  topic: 'topics',
}
