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
