// ↓ in a list's filter box moves into the list and selects its first row.
export function intoList(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown') return
  const list = (e.currentTarget as HTMLElement).closest('.listpane')?.querySelector<HTMLElement>('[role=listbox]')
  if (!list) return
  e.preventDefault()
  list.focus()
  list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
}
