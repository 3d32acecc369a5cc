import { render } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeAll } from 'vitest'

const configs: any[] = []
vi.mock('chart.js', () => {
  class Chart {
    static register() {}
    constructor(_: unknown, config: unknown) {
      configs.push(config)
    }
    destroy() {}
  }
  return { Chart, BarController: {}, BarElement: {}, LineController: {}, LineElement: {}, PointElement: {}, CategoryScale: {}, LinearScale: {}, Tooltip: {}, Legend: {}, Filler: {} }
})

import ChartView from './Chart.svelte'

beforeAll(() => {
  // jsdom has no canvas: a context is enough for the chart to be made.
  HTMLCanvasElement.prototype.getContext = (() => ({})) as any
})

describe('a chart', () => {
  // A week of use: Topics' coverage chart at 1024×680 named only every
  // other bar.
  it('names every bar of a chart drawn across, and may thin the labels of one drawn up', () => {
    render(ChartView, { labels: ['a', 'b', 'c'], series: [{ label: 'People', data: [1, 2, 3], color: 'accent' }], label: 'Topic coverage', horizontal: true })
    expect(configs.at(-1).options.indexAxis).toBe('y')
    expect(configs.at(-1).options.scales.y.ticks.autoSkip).toBe(false)
    render(ChartView, { labels: ['Jan', 'Feb'], series: [{ label: 'Learnings', data: [1, 2], color: 'warn' }], label: 'Activity' })
    expect(configs.at(-1).options.indexAxis).toBe('x')
    expect(configs.at(-1).options.scales.y.ticks.autoSkip).toBe(true)
  })
})
