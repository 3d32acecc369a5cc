import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect } from 'vitest'
import { flushSync } from 'svelte'
import KeepInTouch from './KeepInTouch.svelte'
import BirthdayPicker from './BirthdayPicker.svelte'
import { keepInTouchWords } from '../lib/words'

function bound<T>(component: any, initial: T) {
  const box = { value: initial }
  render(component, {
    props: {
      get value() {
        return box.value
      },
      set value(v: T) {
        box.value = v
      },
    },
  })
  return box
}

describe('Keep in touch', () => {
  it('offers choices in words and stores days', async () => {
    const box = bound(KeepInTouch, '')
    const select = screen.getByRole('combobox') as HTMLSelectElement
    expect(select.value).toBe('never')
    expect([...select.options].map((o) => o.text)).toEqual(['Every 2 weeks', 'Every month', 'Every quarter', 'Every half year', 'Every year', 'Custom…', 'Never'])
    await userEvent.selectOptions(select, 'Every quarter')
    expect(box.value).toBe('90')
    await userEvent.selectOptions(select, 'Custom…')
    const days = screen.getByLabelText('Days between contacts')
    await userEvent.clear(days)
    await userEvent.type(days, '45')
    flushSync()
    expect(box.value).toBe('45')
    await userEvent.selectOptions(select, 'Never')
    expect(box.value).toBe('')
  })

  it('shows a stored value as its choice and keeps it when untouched', () => {
    const box = bound(KeepInTouch, '30/60')
    expect((screen.getByRole('combobox') as HTMLSelectElement).value).toBe('30')
    expect(box.value).toBe('30/60')
    expect(keepInTouchWords('30/60')).toBe('every month')
    expect(keepInTouchWords('45')).toBe('every 45 days')
    expect(keepInTouchWords('')).toBe('')
  })
})

describe('Birthday', () => {
  it('takes day and month, with the year unknown', async () => {
    const box = bound(BirthdayPicker, '')
    await userEvent.selectOptions(screen.getByLabelText('Day'), '10')
    await userEvent.selectOptions(screen.getByLabelText('Month'), '12')
    expect(box.value).toBe('--12-10')
    await userEvent.type(screen.getByLabelText('Year'), '1815')
    expect(box.value).toBe('1815-12-10')
    await userEvent.click(screen.getByLabelText('Year unknown'))
    expect(box.value).toBe('--12-10')
    expect((screen.getByLabelText('Year') as HTMLInputElement).disabled).toBe(true)
  })
})
