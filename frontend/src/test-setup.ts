// jsdom lacks a few browser APIs the components use.
if (!window.matchMedia) {
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
    addListener() {},
    removeListener() {},
    onchange: null,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia
}

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
;(globalThis as any).ResizeObserver ??= ResizeObserverStub
Element.prototype.scrollTo ??= function () {}

// jsdom has no canvas: charts keep their text fallback.
HTMLCanvasElement.prototype.getContext = (() => null) as any
