// Light and dark follow the system unless the person picks one.
export type Theme = 'system' | 'light' | 'dark'

export const theme = $state({ choice: (localStorage.getItem('theme') as Theme) || 'system', dark: false })

const media = window.matchMedia?.('(prefers-color-scheme: dark)')

export function applyTheme() {
  theme.dark = theme.choice === 'dark' || (theme.choice === 'system' && !!media?.matches)
  document.documentElement.dataset.theme = theme.dark ? 'dark' : 'light'
}

export function setTheme(t: Theme) {
  theme.choice = t
  localStorage.setItem('theme', t)
  applyTheme()
}

export function toggleTheme() {
  setTheme(theme.dark ? 'light' : 'dark')
}

media?.addEventListener?.('change', applyTheme)
