import { describe, it, expect, vi } from 'vitest'
import { runEdit } from './edit'

let board = ''
vi.mock('./api', () => ({
  clipboard: {
    get: vi.fn(async () => board),
    set: vi.fn(async (t: string) => {
      board = t
      return true
    }),
  },
}))

describe('Edit menu commands', () => {
  it('cuts the selection at once and pastes it into another field', async () => {
    const a = document.createElement('input')
    const b = document.createElement('input')
    document.body.append(a, b)
    a.value = 'spaced practice'
    const heard: string[] = []
    a.addEventListener('input', () => heard.push(a.value))
    a.focus()
    a.setSelectionRange(0, 7)
    await runEdit('cut')
    expect(a.value).toBe('practice')
    expect(heard).toEqual(['practice'])
    expect(board).toBe('spaced ')
    b.value = 'ab'
    b.focus()
    b.setSelectionRange(1, 1)
    await runEdit('paste')
    expect(b.value).toBe('aspaced b')
  })

  it('selects all of a field', async () => {
    const a = document.createElement('textarea')
    document.body.append(a)
    a.value = 'notes'
    a.focus()
    await runEdit('selectAll')
    expect([a.selectionStart, a.selectionEnd]).toEqual([0, 5])
  })
})
