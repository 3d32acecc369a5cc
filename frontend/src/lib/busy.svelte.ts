// Work the window waits on. Anything still running after half a second
// shows the progress bar at the top of the window.
export const busy = $state({ visible: false, label: '' })

let running = 0
let timer: ReturnType<typeof setTimeout> | undefined

export async function track<T>(work: Promise<T>, label = 'Working…'): Promise<T> {
  running++
  busy.label = label
  timer ??= setTimeout(() => (busy.visible = running > 0), 500)
  try {
    return await work
  } finally {
    if (--running === 0) {
      clearTimeout(timer)
      timer = undefined
      busy.visible = false
    }
  }
}
