import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import EntityForm from './EntityForm.svelte'

vi.mock('../lib/api', () => ({
  show: vi.fn(async (id: string) => ({ id, kind: 'person', name: id === 'p1' ? 'Ada Lovelace' : 'Grace Hopper' })),
  titleOf: (e: any) => e.name,
  search: vi.fn(async () => [{ id: 'p2', kind: 'person', title: 'Grace Hopper' }]),
  message: (e: unknown) => {
    const s = e instanceof Error ? e.message : String(e)
    return s[0].toUpperCase() + s.slice(1)
  },
}))

const fields = [
  { name: 'name', label: 'Name', type: 'text' },
  { name: 'members', label: 'Members', type: 'refs', kinds: ['person'] },
  { name: 'topics', label: 'Topics', type: 'topics' },
] as const

describe('EntityForm', () => {
  it('edits a community: shows member names, adds one, splits topics', async () => {
    const save = vi.fn(async () => 'c1')
    const onsaved = vi.fn()
    render(EntityForm, { heading: 'Edit community', fields: fields as any, value: { id: 'c1', name: 'Lunch and Learn', members: ['p1'], topics: ['ethics'] }, save, onsaved, oncancel: vi.fn() })
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy()
    await userEvent.type(screen.getByLabelText('Members'), 'gra')
    await userEvent.click(await screen.findByRole('option', { name: /Grace Hopper/ }))
    await userEvent.type(screen.getByLabelText('Topics'), ', data')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ id: 'c1', name: 'Lunch and Learn', members: ['p1', 'p2'], topics: ['ethics', 'data'] }), [])
    expect(onsaved).toHaveBeenCalledWith('c1')
  })

  it('adds a member nobody knows yet as a new person with the save, and never drops a typed name', async () => {
    const save = vi.fn(async () => 'c2')
    render(EntityForm, { heading: 'New community', fields: fields as any, save, onsaved: vi.fn(), oncancel: vi.fn() })
    await userEvent.type(screen.getByLabelText('Name'), 'Book club')
    await userEvent.type(screen.getByLabelText('Members'), 'Finn Moss')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/“Finn Moss” in Members is not chosen yet/)
    expect(save).not.toHaveBeenCalled()
    await userEvent.click(await screen.findByRole('option', { name: /Add “Finn Moss” as a new person/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ name: 'Book club', members: [] }), [{ field: 'members', name: 'Finn Moss' }])
  })

  it('shows the services’ error in words', async () => {
    const save = vi.fn(async () => {
      throw new Error('a community needs a name')
    })
    render(EntityForm, { heading: 'New community', fields: fields as any, save, onsaved: vi.fn(), oncancel: vi.fn() })
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect((await screen.findByRole('alert')).textContent).toBe('A community needs a name')
  })
})
