// The window's words for a learning professional, in one place. Reasons on
// Today come from Go (app/nurture/words.go), which offers the same Keep in
// touch choices.

/** The Keep in touch choices, stored as days between contacts. */
export const keepInTouchChoices = [
  { days: 14, label: 'Every 2 weeks' },
  { days: 30, label: 'Every month' },
  { days: 90, label: 'Every quarter' },
  { days: 180, label: 'Every half year' },
  { days: 365, label: 'Every year' },
]

/** The ideal number of days in a stored cadence ("30" or "30/60"); null when there is none. */
export function cadenceDays(cadence: string | undefined): number | null {
  const m = /^\s*(\d+)/.exec(cadence ?? '')
  const n = m ? Number(m[1]) : 0
  return n > 0 ? n : null
}

/** The choice a number of days falls on, allowing a few per cent either way (a month of 31 days). */
export function choiceOf(days: number | null) {
  if (!days) return undefined
  return keepInTouchChoices.find((c) => Math.abs(days - c.days) * 20 <= c.days)
}

/** "every month", "every 45 days", or '' for none. */
export function keepInTouchWords(cadence: string | undefined): string {
  const days = cadenceDays(cadence)
  if (!days) return ''
  const c = choiceOf(days)
  if (c) return c.label.toLowerCase()
  return days === 1 ? 'every day' : `every ${days} days`
}

/** How an item on a page's timeline points at it, said once ("learned
 * from", not "learned from · learning"); an item linked otherwise says
 * what it is ("interaction"). */
export const timelineLinkWords: Record<string, string> = { author: 'wrote', members: 'member of', from: 'learned from', shared: 'shared with' }

/** A list's count while a search or filter narrows it: "1 of 16". */
export function shownOf(shown: number, all: number): string {
  return `${shown.toLocaleString()} of ${all.toLocaleString()}`
}

/** When a community meets, as its page, its row and `learnwork attendance`
 * say it: "Meets monthly, first Tuesday 18:00"; '' without a schedule. */
export function meetsWords(meets: string | undefined): string {
  return meets ? `Meets ${meets}` : ''
}

/** How gave, received and mutual read in a sentence. */
export const directionWords: Record<string, string> = { gave: 'I gave', received: 'I received', mutual: 'both ways' }

/** What an import does to a record, as a preview says it and as the result says it. */
export function importAction(action: string, preview: boolean): string {
  const words: Record<string, [string, string]> = {
    created: ['will be added', 'added'],
    updated: ['will be updated', 'updated'],
    unchanged: ['stays as it is', 'unchanged'],
    skipped: ['will be skipped', 'skipped'],
    duplicate: ['held back: looks like someone you have', 'held back: looks like someone you have'],
  }
  return words[action]?.[preview ? 0 : 1] ?? action
}

/** Whom an import adds, the first few by name: "Adds Ada Lovelace, Grace
 * Hopper, Alan Turing and 12 others" ("Added …" once done); '' when it adds
 * no one with a name. A big file is named only in part, so the preview
 * stays a glance. */
export function addsWords(created: number, records: { action: string; name: string }[], preview: boolean, few = 3): string {
  const names = records.filter((r) => r.action === 'created' && r.name).map((r) => r.name)
  if (names.length === 0) return ''
  const shown = names.slice(0, few)
  const others = Math.max(created, names.length) - shown.length
  const parts = others > 0 ? [...shown, `${others.toLocaleString()} ${others === 1 ? 'other' : 'others'}`] : shown
  return `${preview ? 'Adds' : 'Added'} ${andList(parts)}`
}

const kindPlural: Record<string, [string, string]> = {
  person: ['person', 'people'],
  event: ['event', 'events'],
  community: ['community', 'communities'],
  source: ['source', 'sources'],
  interaction: ['logged interaction', 'logged interactions'],
  learning: ['learning', 'learnings'],
  goal: ['goal', 'goals'],
  topic: ['topic', 'topics'],
}

/** "1 person", "3 communities"; an unknown kind counts as items. */
function countOf(kind: string, n: number): string {
  return `${n.toLocaleString()} ${kindPlural[kind]?.[n === 1 ? 0 : 1] ?? (n === 1 ? 'item' : 'items')}`
}

/** What is waiting on Sync after two computers changed the same things:
 * "2 people have two different values to choose from", "1 person and 1
 * community have…"; '' when nothing is. */
export function conflictWords(items: { kind: string; fields: { values: unknown[] }[] }[]): string {
  if (items.length === 0) return ''
  const by = new Map<string, number>()
  for (const it of items) by.set(it.kind, (by.get(it.kind) ?? 0) + 1)
  const two = items.every((it) => it.fields.every((f) => f.values.length === 2))
  const verb = items.length === 1 ? 'has' : 'have'
  return `${andList([...by].map(([k, n]) => countOf(k, n)))} ${verb} ${two ? 'two' : 'several'} different values to choose from`
}

/** What a finished import did, for its toast: "Imported: 14 people added",
 * "Imported: 2 events added, 1 updated"; said for what the files held, not
 * "people or events created or updated". */
export function importedWords(reports: { created: number; updated: number; records?: { action: string; kind: string }[] }[]): string {
  const added = new Map<string, number>()
  let updated = 0
  let total = 0
  for (const r of reports) {
    updated += r.updated
    total += r.created
    for (const rec of r.records ?? []) {
      if (rec.action === 'created') added.set(rec.kind, (added.get(rec.kind) ?? 0) + 1)
    }
  }
  if (total + updated === 0) return 'Nothing new: it was all here already'
  const named = [...added.values()].reduce((a, b) => a + b, 0) === total
  const parts = named
    ? [...added].map(([k, n]) => countOf(k, n))
    : total ? [total.toLocaleString()] : []
  const what = [parts.length ? `${andList(parts)} added` : '', updated ? `${updated.toLocaleString()} updated` : ''].filter(Boolean)
  return `Imported: ${what.join(', ')}`
}

// Team spaces: what stays private when an item is shared, and what
// removing a member, leaving and unsharing do, said before they happen.

/** A shared item's private fields as a person says them (the store's field
 * names; the ones with nothing to say, such as import bookkeeping, are left out). */
export const privateFieldWords: Record<string, string> = {
  notes: 'your notes',
  members: 'its list of members',
  since: 'when you joined',
  cadence: 'how often you keep in touch',
  snoozed: 'your reminders',
  nicknames: 'nicknames',
  emails: 'email addresses',
  phones: 'phone numbers',
  addresses: 'addresses',
  department: 'department',
  role: 'role',
  birthday: 'birthday',
  anniversary: 'anniversary',
  met: 'how you met',
  frequency: 'how often you read it',
  organizer: 'the organiser',
  attendees: 'who attends',
  people: 'the people in it',
  shared: 'whom you shared it with',
}

/** "a", "a and b", "a, b and c". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** What of a shared item stays on this person's computers: the private
 * fields it has a value for, in words ("your notes and who is in it"). */
export function staysPrivate(fields: string[], entity: Record<string, any>): string {
  const has = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v)
  return andList(fields.filter((f) => privateFieldWords[f] && has(entity[f])).map((f) => privateFieldWords[f]))
}

/** What removing a member does, for the confirmation. */
export function removeMemberWords(member: string, space: string): string {
  return `${member} keeps what already reached their computer, but receives nothing shared in ${space} from now on: the space gets a new key that only the remaining members hold.`
}

/** What leaving a space does, for the confirmation. */
export function leaveSpaceWords(space: string, shared: number): string {
  const what = shared === 1 ? 'The item shared in it stays' : shared > 1 ? `The ${shared} items shared in it stay` : 'Everything you have stays'
  return `${what} on your computers, without the space’s badge. The other members keep what they have, and you receive nothing new from ${space}.`
}

/** What unsharing does, said once it is done. */
export function unshareWords(space: string): string {
  return `No longer shared in ${space}. Members keep the copy they have; nothing more about it is sent.`
}
