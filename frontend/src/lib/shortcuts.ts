// The keyboard shortcuts the help overlay lists. The screens' own come
// from lib/screens.json, the list App and the View menu use.
import { screenList, shortcutKeys } from './screens'

const numbered = screenList.filter((s) => /^[1-9]$/.test(s.key)).sort((a, b) => a.key.localeCompare(b.key))
const lettered = screenList.filter((s) => !/^[1-9]$/.test(s.key))

export interface Shortcut {
  keys: string[]
  does: string
}

export const shortcuts: { group: string; items: Shortcut[] }[] = [
  {
    group: 'Anywhere',
    items: [
      { keys: ['Ctrl', 'K'], does: 'Search everything' },
      { keys: ['Ctrl', 'L'], does: 'Log an interaction or a learning' },
      { keys: ['Ctrl', 'N'], does: 'Add a person' },
      { keys: ['Ctrl', `1…${numbered.length}`], does: `Go to ${numbered.map((s) => s.label).join(', ')}` },
      ...lettered.map((s) => ({ keys: shortcutKeys(s), does: `Go to ${s.label}` })),
      { keys: ['Ctrl', 'Shift', 'D'], does: 'Switch light and dark' },
      { keys: ['?'], does: 'Show these shortcuts' },
      { keys: ['Esc'], does: 'Close a dialog or overlay' },
    ],
  },
  {
    group: 'In lists',
    items: [
      { keys: ['↑', '↓'], does: 'Move through the list' },
      { keys: ['/'], does: 'Filter the list' },
      { keys: ['↓'], does: 'From the filter into the list' },
      { keys: ['Enter'], does: 'Open the selected item (in search)' },
    ],
  },
  {
    group: 'Events',
    items: [
      { keys: ['A'], does: 'Agenda of the next 90 days' },
      { keys: ['M'], does: 'Month view' },
      { keys: ['←', '→', '↑', '↓'], does: 'Move the selected day (month)' },
      { keys: ['Page Up', 'Page Down'], does: 'Previous or next month' },
      { keys: ['Home'], does: 'Today (month)' },
    ],
  },
  {
    group: 'Editing',
    items: [
      { keys: ['Ctrl', 'Enter'], does: 'Save the form' },
      { keys: ['Ctrl', 'C'], does: 'Copy' },
      { keys: ['Ctrl', 'V'], does: 'Paste' },
      { keys: ['Ctrl', 'A'], does: 'Select all' },
    ],
  },
]
