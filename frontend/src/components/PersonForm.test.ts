import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import PersonForm from './PersonForm.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  // Topics fields suggest the topics already there.
  search: vi.fn(async () => []),
  savePerson: vi.fn(async () => 'new-id'),
  message: (e: unknown) => String(e),
}))

describe('PersonForm', () => {
  beforeEach(() => vi.mocked(api.savePerson).mockClear())

  it('adds a person with what was typed', async () => {
    const onsaved = vi.fn()
    render(PersonForm, { onsaved, oncancel: vi.fn() })
    await userEvent.type(screen.getByPlaceholderText('Ada Lovelace'), 'Ada Lovelace')
    await userEvent.type(screen.getByLabelText('Email 1'), 'ada@example.org')
    await userEvent.type(screen.getByLabelText('Email 1 label'), 'Work')
    await userEvent.type(screen.getByPlaceholderText('learning design, ethics'), 'computing, poetry')
    await userEvent.click(screen.getByText('Save'))
    expect(api.savePerson).toHaveBeenCalledTimes(1)
    const sent = vi.mocked(api.savePerson).mock.calls[0][0]
    expect(sent.name).toBe('Ada Lovelace')
    expect(sent.emails).toEqual([{ value: 'ada@example.org', types: ['work'], label: '' }])
    expect(sent.topics).toEqual(['computing', 'poetry'])
    expect(onsaved).toHaveBeenCalledWith('new-id')
  })

  it('explains a birthday it cannot read and saves nothing', async () => {
    render(PersonForm, { onsaved: vi.fn(), oncancel: vi.fn() })
    await userEvent.type(screen.getByPlaceholderText('Ada Lovelace'), 'Ada')
    await userEvent.selectOptions(screen.getByLabelText('Day'), '31')
    await userEvent.selectOptions(screen.getByLabelText('Month'), '2')
    await userEvent.click(screen.getByText('Save'))
    expect(screen.getByRole('alert').textContent).toContain('Birthday')
    expect(api.savePerson).not.toHaveBeenCalled()
  })

  it('keeps an existing contact untouched when only other fields change', async () => {
    const person = { id: 'p1', kind: 'person', name: 'Grace', emails: [{ value: 'g@navy.example', types: ['work', 'pref'] }] } as any
    render(PersonForm, { person, onsaved: vi.fn(), oncancel: vi.fn() })
    await userEvent.type(screen.getByPlaceholderText('Analyst'), 'Rear Admiral')
    await userEvent.click(screen.getByText('Save'))
    const sent = vi.mocked(api.savePerson).mock.calls[0][0]
    expect(sent.id).toBe('p1')
    expect(sent.title).toBe('Rear Admiral')
    expect(sent.emails).toEqual([{ value: 'g@navy.example', types: ['work', 'pref'] }])
  })
})
