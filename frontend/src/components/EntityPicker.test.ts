import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import { flushSync } from 'svelte'
import EntityPicker, { pickedIds, newPeopleIn, unpickedMessage, type Picked } from './EntityPicker.svelte'

vi.mock('../lib/api', () => ({
  search: vi.fn(async (q: string) => {
    const all = [
      { id: 'p1', kind: 'person', title: 'Harold Jarche', subtitle: 'PKM' },
      { id: 's1', kind: 'source', title: 'Harold’s blog' },
    ]
    return all.filter((h) => h.title.toLowerCase().startsWith(q.toLowerCase().slice(0, 3)))
  }),
  message: (e: unknown) => String(e),
}))

// A form around the picker: a submit that Enter must never reach.
function inForm(props: Record<string, unknown>) {
  const submitted = vi.fn((e: Event) => e.preventDefault())
  const form = document.createElement('form')
  form.addEventListener('submit', submitted)
  document.body.appendChild(form)
  const onvalue: { value: Picked[] } = { value: [] }
  render(EntityPicker, { target: form, props: { label: 'With people', ...props, value: onvalue.value } })
  return { submitted }
}

describe('EntityPicker', () => {
  it('picks a match with Enter and does not submit the form', async () => {
    const { submitted } = inForm({})
    await userEvent.type(screen.getByLabelText('With people'), 'har')
    expect(await screen.findByRole('option', { name: /Harold Jarche/ })).toBeTruthy()
    // Only people here: the source is not offered.
    expect(screen.queryByRole('option', { name: /blog/ })).toBeNull()
    await userEvent.keyboard('{Enter}')
    expect(await screen.findByText('Harold Jarche')).toBeTruthy()
    expect((screen.getByLabelText('With people') as HTMLInputElement).value).toBe('')
    expect(submitted).not.toHaveBeenCalled()
  })

  it('offers a name that matches no one as a new person, last after the matches', async () => {
    const { submitted } = inForm({})
    await userEvent.type(screen.getByLabelText('With people'), 'Harriet Fox')
    const options = await screen.findAllByRole('option')
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Harold JarchePKM', 'Add “Harriet Fox” as a new person'])
    await userEvent.keyboard('{ArrowDown}{Enter}')
    expect(await screen.findByText('Harriet Fox')).toBeTruthy()
    expect(screen.getByText('new')).toBeTruthy()
    expect(submitted).not.toHaveBeenCalled()
  })

  it('adds what the keyboard chose, not what a resting pointer is over; a moving pointer chooses', async () => {
    inForm({})
    const input = screen.getByLabelText('With people')
    // Typed without clicking: jsdom puts a click at 0,0, somewhere else than the list.
    input.focus()
    await userEvent.type(input, 'Harriet Fox', { skipClick: true })
    const add = await screen.findByRole('option', { name: /as a new person/ })
    // The list opened under the pointer: boundary events and a move in the same place.
    const at = (x: number, y: number) => {
      for (const type of ['pointerover', 'mouseover', 'pointerenter', 'mouseenter']) add.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: type.endsWith('over') }))
      add.dispatchEvent(new MouseEvent('pointermove', { clientX: x, clientY: y, bubbles: true }))
      flushSync()
    }
    at(150, 60)
    at(150, 60)
    expect(screen.getByRole('option', { name: /Harold Jarche/ }).getAttribute('aria-selected')).toBe('true')
    at(152, 61)
    expect(add.getAttribute('aria-selected')).toBe('true')
    await userEvent.keyboard('{Enter}')
    expect(await screen.findByText('Harriet Fox')).toBeTruthy()
    expect(screen.getByText('new')).toBeTruthy()
  })

  it('does not offer a new person for someone already there, nor in a picker of sources', async () => {
    inForm({})
    await userEvent.type(screen.getByLabelText('With people'), 'harold jarche')
    await screen.findByRole('option', { name: /Harold Jarche/ })
    expect(screen.queryByRole('option', { name: /as a new person/ })).toBeNull()
    document.body.innerHTML = ''
    inForm({ kinds: ['source'], label: 'Source' })
    await userEvent.type(screen.getByLabelText('Source'), 'Nothing like it')
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByRole('option')).toBeNull()
  })

  it('splits what was picked into IDs and people to add, and names a typed name left behind', () => {
    const picked: Picked[] = [
      { id: 'p1', kind: 'person', title: 'Harold Jarche' },
      { id: 'new:Harriet Fox', kind: 'person', title: 'Harriet Fox', isNew: true },
    ]
    expect(pickedIds(picked)).toEqual(['p1'])
    expect(newPeopleIn('members', picked)).toEqual([{ field: 'members', name: 'Harriet Fox' }])
    expect(unpickedMessage([['With', '  '], ['Community', ' Book club ']])).toBe('“Book club” in Community is not chosen yet: pick it from the list, add it as a new person, or clear it')
    expect(unpickedMessage([['With', '']])).toBe('')
  })
})
