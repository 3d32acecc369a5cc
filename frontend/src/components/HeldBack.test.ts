import { render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import HeldBack from './HeldBack.svelte'
import * as api from '../lib/api'

const card = (id: string, line: number, org: string, email: string) => ({
  id,
  batch: 'b1',
  file: 'contacts.vcf',
  line,
  imported: '2026-12-07T10:00:00Z',
  reason: 'same name as someone stored, but a different email, phone or source: held back: listed under Held back, to add as a new person or merge',
  like: { id: 'p1', kind: 'person', title: 'Bo Chen', subtitle: 'Northwind' },
  card: { id: '', kind: 'person', name: 'Bo Chen', org, emails: [{ value: email }] },
})

let held: any[] = []
vi.mock('../lib/api', () => ({
  heldBack: vi.fn(async () => held),
  addHeldBackAsNew: vi.fn(async (id: string) => {
    held = held.filter((h) => h.id !== id)
    return 'p9'
  }),
  mergeHeldBack: vi.fn(async (id: string) => {
    held = held.filter((h) => h.id !== id)
    return 'p1'
  }),
  dismissHeldBack: vi.fn(async () => {}),
  search: vi.fn(async () => [{ id: 'p2', kind: 'person', title: 'Bo Chen-Li', subtitle: 'Contoso' }]),
  origins: vi.fn(async () => [
    { field: 'name', index: 0, value: 'Bo Chen', from: [{ name: 'LinkedIn connections', date: '2026-12-03T09:00:00Z', file: 'Connections.csv' }] },
    { field: 'emails', index: 0, value: 'bo@northwind.example', from: [{ name: 'typed in' }] },
  ]),
  message: (e: unknown) => String(e),
}))

describe('HeldBack', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    held = [card('h1', 3, 'Contoso', 'bchen@contoso.example'), card('h2', 8, 'Northwind', 'bo.chen@home.example')]
  })

  it('lists every held-back card with the person it looks like, and adds one as a new person', async () => {
    const onchanged = vi.fn()
    const onloaded = vi.fn()
    render(HeldBack, { onchanged, onloaded })
    expect(await screen.findByText('Contoso · bchen@contoso.example')).toBeTruthy()
    expect(screen.getByText('Northwind · bo.chen@home.example')).toBeTruthy()
    expect(screen.getAllByText('looks like')).toHaveLength(2)
    expect(onloaded).toHaveBeenCalledWith(held)
    await userEvent.click(screen.getAllByRole('button', { name: 'Add as a new person' })[0])
    expect(api.addHeldBackAsNew).toHaveBeenCalledWith('h1')
    await waitFor(() => expect(screen.queryByText('Contoso · bchen@contoso.example')).toBeNull())
    expect(onchanged).toHaveBeenCalled()
  })

  it('merges into the person it looks like, or into someone chosen', async () => {
    render(HeldBack, {})
    await screen.findByText('Northwind · bo.chen@home.example')
    await userEvent.click(screen.getAllByRole('button', { name: /Merge into/ })[1])
    // The person it looks like is chosen already.
    expect(screen.getByText('Bo Chen', { selector: '.chip' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Merge' }))
    expect(api.mergeHeldBack).toHaveBeenCalledWith('h2', 'p1')

    await userEvent.click(await screen.findByRole('button', { name: /Merge into/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Remove Bo Chen' }))
    await userEvent.type(screen.getByLabelText('Merge Bo Chen into'), 'Bo Chen-')
    await userEvent.click(await screen.findByRole('option', { name: /Bo Chen-Li/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Merge' }))
    expect(api.mergeHeldBack).toHaveBeenLastCalledWith('h1', 'p2')
  })

  it('shows nothing when nothing is held back', async () => {
    held = []
    render(HeldBack, {})
    await waitFor(() => expect(api.heldBack).toHaveBeenCalled())
    expect(screen.queryByRole('region', { name: 'Held back' })).toBeNull()
  })

  it('compares the card with the person it looks like, each value with where it came from', async () => {
    render(HeldBack, {})
    await screen.findByText('Northwind · bo.chen@home.example')
    await userEvent.click(screen.getAllByRole('button', { name: 'Compare' })[0])
    const values = screen.getByLabelText('The held-back card, value by value')
    expect(values.textContent).toContain('bchen@contoso.example')
    expect(values.textContent).toMatch(/contacts\.vcf, /)
    const person = await screen.findByLabelText('Where each value came from')
    await waitFor(() => expect(person.textContent).toMatch(/Bo Chen\s*· LinkedIn connections, /))
    expect(person.textContent).toMatch(/bo@northwind\.example\s*· typed in/)
    expect(api.origins).toHaveBeenCalledWith('p1')
  })
})
