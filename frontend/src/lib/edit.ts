// The Edit menu's commands. In the desktop window GTK takes Ctrl+C and
// friends for the menu before WebKitGTK sees them, so the page performs
// each edit itself; the clipboard goes through the Go side.
import { clipboard } from './api'

function editable(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type))
}

function selectedText(): string {
  const el = document.activeElement
  if (editable(el)) return el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0)
  return document.getSelection()?.toString() ?? ''
}

// Replaces an input's selection, as typing would (Svelte's bindings hear
// the input event).
function replaceSelection(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  el.setRangeText(text, el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, 'end')
  el.dispatchEvent(new Event('input', { bubbles: true }))
}

export async function runEdit(cmd: string) {
  const el = document.activeElement
  switch (cmd) {
    case 'copy':
    case 'cut': {
      const text = selectedText()
      if (!text) return
      // Cut before waiting on the clipboard: the selection must not move.
      if (cmd === 'cut' && editable(el)) replaceSelection(el, '')
      await clipboard.set(text)
      return
    }
    case 'paste': {
      if (!editable(el)) return
      const text = await clipboard.get()
      if (text) replaceSelection(el, text)
      return
    }
    case 'selectAll':
      if (editable(el)) el.select()
      else document.execCommand('selectAll')
      return
    case 'undo':
    case 'redo':
      document.execCommand(cmd)
  }
}
