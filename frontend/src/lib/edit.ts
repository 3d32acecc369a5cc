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

export async function runEdit(cmd: string) {
  const el = document.activeElement
  switch (cmd) {
    case 'copy':
    case 'cut': {
      const text = selectedText()
      if (!text) return
      await clipboard.set(text)
      if (cmd === 'cut' && editable(el)) document.execCommand('delete')
      return
    }
    case 'paste': {
      if (!editable(el)) return
      const text = await clipboard.get()
      if (text) document.execCommand('insertText', false, text)
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
