import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect } from 'vitest'
import CameFromFilter from './CameFromFilter.svelte'

const sources = [
  { key: 'linkedin', name: 'LinkedIn connections', count: 1204 },
  { key: 'vcard', name: 'a contacts file (.vcf)', count: 31 },
  { key: 'typed', name: 'typed in', count: 7 },
]

describe('the Came from filter', () => {
  it('offers where the people here came from, each with how many, in words', () => {
    render(CameFromFilter, { value: '', sources })
    const options = screen.getAllByRole('option').map((o) => o.textContent)
    expect(options).toEqual(['Came from', 'LinkedIn connections (1,204)', 'A contacts file (.vcf) (31)', 'Typed in (7)'])
  })

  it('sets the choice picked', async () => {
    let chosen = ''
    render(CameFromFilter, {
      get value() {
        return chosen
      },
      set value(v: string) {
        chosen = v
      },
      sources,
    })
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Came from' }), 'Typed in (7)')
    expect(chosen).toBe('typed')
  })

  it('stays out of the way with nothing to tell apart', () => {
    render(CameFromFilter, { value: '', sources: [{ key: 'typed', name: 'typed in', count: 3 }] })
    expect(screen.queryByRole('combobox', { name: 'Came from' })).toBeNull()
  })

  it('stays while a choice is set, so it can be cleared', () => {
    render(CameFromFilter, { value: 'linkedin', sources: [] })
    expect(screen.getByRole('combobox', { name: 'Came from' })).toBeTruthy()
  })
})
