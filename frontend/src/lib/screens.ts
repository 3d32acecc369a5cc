// The window's screens, listed once in screens.json: sidebar order, the
// Ctrl shortcut, icon and label. The Go View menu reads the same file
// (embedded by main.go), so the menu, the sidebar, the shortcuts and the
// help can never disagree.
import list from './screens.json'

export type Screen = 'today' | 'people' | 'communities' | 'sources' | 'events' | 'log' | 'topics' | 'network' | 'news' | 'spaces' | 'import' | 'sync' | 'settings' | 'trash'

export interface ScreenInfo {
  screen: Screen
  label: string
  /** A Lucide icon name; screens/registry.ts maps it to the component. */
  icon: string
  /** Pressed with Ctrl: "1", "Shift+S", "I". */
  key: string
  /** The entity kind (or kinds: the Log holds interactions and learnings) whose count the sidebar shows. */
  kind?: string | string[]
  /** Tools sit below the main screens. */
  group?: 'tools'
  /** "file": the File menu has it, not the View menu. */
  menu?: 'file'
}

export const screenList = list as ScreenInfo[]

/** How many things a screen holds, as the sidebar counts them; '' for none (a new store is not a column of zeros) or a screen without a kind. */
export function screenCount(s: ScreenInfo, counts: Record<string, number> | undefined): string {
  if (!s.kind) return ''
  const kinds = typeof s.kind === 'string' ? [s.kind] : s.kind
  const n = kinds.reduce((n, k) => n + (counts?.[k] ?? 0), 0)
  return n ? n.toLocaleString() : ''
}

/** The screen a Ctrl (or Cmd) key press goes to, if any. */
export function screenForKey(key: string, shift: boolean): Screen | undefined {
  const want = (shift ? 'shift+' : '') + key.toLowerCase()
  return screenList.find((s) => s.key.toLowerCase() === want)?.screen
}

/** "Ctrl+Shift+S" as keys to show: ["Ctrl", "Shift", "S"]. */
export function shortcutKeys(s: ScreenInfo): string[] {
  return ['Ctrl', ...s.key.split('+')]
}
