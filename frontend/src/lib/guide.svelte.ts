// The first-run guide: five steps whose done state comes from the data,
// and whether the person closed it (a setting of this computer, kept in
// localStorage: it says nothing about the network, so it does not sync).
import { list, getCommunity, getPerson, type Overview } from './api'
import type { Screen } from './screens'

export interface Step {
  id: 'people' | 'calendar' | 'community' | 'keep' | 'learning'
  title: string
  how: string
  action: string
  screen: Screen
  done: boolean
}

const key = 'learnwork.guide.closed'

// reopened: brought back by hand, so it stays even with every step done.
export const guide = $state({ closed: readClosed(), reopened: false })

function readClosed(): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1'
  } catch {
    return false
  }
}

export function closeGuide() {
  guide.closed = true
  try {
    localStorage.setItem(key, '1')
  } catch {
    // A browser without storage shows the guide again next time; nothing lost.
  }
}

/** From the Help menu: show the guide again. */
export function reopenGuide() {
  guide.closed = false
  guide.reopened = true
  try {
    localStorage.removeItem(key)
  } catch {
    // as above
  }
}

/** Whether any of the first items of a kind matches; stops at the first. */
async function anyOf<T>(ids: string[], get: (id: string) => Promise<T>, ok: (x: T) => boolean): Promise<boolean> {
  for (let i = 0; i < ids.length; i += 10) {
    const got = await Promise.all(ids.slice(i, i + 10).map((id) => get(id).catch(() => null)))
    if (got.some((x) => x !== null && ok(x))) return true
  }
  return false
}

/** The steps, each done or not as the data says. */
export async function guideSteps(counts: Record<string, number>): Promise<Step[]> {
  const n = (k: string) => counts[k] ?? 0
  const [scheduled, keeping] = await Promise.all([
    n('community') ? list('community', { limit: 50 }).then((p) => anyOf(p.items.map((s) => s.id), getCommunity, (c) => !!c.schedule)) : false,
    n('person') ? list('person', { limit: 200 }).then((p) => anyOf(p.items.map((s) => s.id), getPerson, (x) => !!x.cadence)) : false,
  ])
  return [
    { id: 'people', title: 'Import your contacts', how: 'A .vcf file from your address book, or a list of your network.', action: 'Import contacts', screen: 'import', done: n('person') > 0 },
    { id: 'calendar', title: 'Import a calendar', how: 'An .ics file with your community sessions, chats and meetups.', action: 'Import a calendar', screen: 'import', done: n('event') > 0 },
    { id: 'community', title: 'Add a community with its schedule', how: 'A weekly chat, a book club, a Lunch and Learn: link it to its recurring event.', action: 'Add a community', screen: 'communities', done: scheduled },
    { id: 'keep', title: 'Choose who to keep in touch with', how: 'Open a person and pick how often: every month, every quarter…', action: 'Choose people', screen: 'people', done: keeping },
    { id: 'learning', title: 'Log a first learning', how: 'One line about something you learned, and who or what it came from.', action: 'Log a learning', screen: 'log', done: n('learning') > 0 },
  ]
}

/** Whether the store is empty: nothing imported, added or logged. */
export function emptyStore(info: Overview | null): boolean {
  return !!info && Object.values(info.counts ?? {}).every((c) => !c)
}
