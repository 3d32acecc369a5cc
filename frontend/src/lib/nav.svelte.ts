// Which screen the window shows, and what is selected on it.
export type Screen = 'today' | 'people' | 'communities' | 'sources' | 'events' | 'log' | 'topics' | 'import' | 'sync' | 'settings'

export const nav = $state({ screen: 'today' as Screen, id: '', editing: false, creating: false })

export function go(screen: Screen, id = '') {
  nav.screen = screen
  nav.id = id
  nav.editing = false
  nav.creating = false
}

export function newPerson() {
  nav.screen = 'people'
  nav.id = ''
  nav.editing = false
  nav.creating = true
}

export const screenOf: Record<string, Screen> = {
  person: 'people',
  community: 'communities',
  source: 'sources',
  event: 'events',
  interaction: 'log',
  learning: 'log',
  goal: 'topics',
  topic: 'topics',
}
