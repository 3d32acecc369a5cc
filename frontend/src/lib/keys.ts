// ↓ in a list's filter box moves into the list and selects its first row.
export function intoList(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown') return
  const list = (e.currentTarget as HTMLElement).closest('.listpane')?.querySelector<HTMLElement>('[role=listbox]')
  if (!list) return
  e.preventDefault()
  list.focus()
  list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
}

/** Focuses an overlay's first field, and again a moment later: a menu
 * accelerator (Ctrl+K in the window) hands GTK focus back to the web view
 * after the overlay opened, and WebKitGTK then restores the old field. */
export function focusSoon(el: HTMLElement) {
  el.focus()
  // Only if focus left the overlay: someone may already be typing elsewhere in it.
  const scope = el.closest('[role=dialog], form') ?? el
  const t = setTimeout(() => !scope.contains(document.activeElement) && el.focus(), 120)
  return { destroy: () => clearTimeout(t) }
}
