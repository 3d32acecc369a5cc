import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import Trash from './Trash.svelte'
import * as api from '../lib/api'

let trashed = [
  { id: 'p1', kind: 'person', title: 'Ada Lovelace', subtitle: 'Analytical Society' },
  { id: 's1', kind: 'source', title: 'Notes on the Engine' },
]

vi.mock('../lib/api', () => ({
  trash: vi.fn(async () => trashed),
  undelete: vi.fn(async (id: string) => {
    trashed = trashed.filter((t) => t.id !== id)
  }),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('Trash', () => {
  it('groups what was deleted by kind and restores it', async () => {
    render(Trash)
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy()
    expect(screen.getByText('People')).toBeTruthy()
    expect(screen.getByText('Sources')).toBeTruthy()
    await userEvent.click(screen.getAllByRole('button', { name: /Restore/ })[0])
    expect(api.undelete).toHaveBeenCalledWith('p1')
    await vi.waitFor(() => expect(screen.queryByText('Ada Lovelace')).toBeNull())
    expect(screen.getByText('Notes on the Engine')).toBeTruthy()
  })
})
