/**
 * Gives recharts' ResponsiveContainer a size in jsdom, which lays nothing
 * out: every element measures 800 × 300 and ResizeObserver does nothing.
 * Call at the top of a describe block.
 */
export function useChartSize(width = 800, height = 300) {
  const original = HTMLElement.prototype.getBoundingClientRect;
  const originalObserver = (globalThis as any).ResizeObserver;
  beforeAll(() => {
    (globalThis as any).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    HTMLElement.prototype.getBoundingClientRect = () =>
      ({
        width,
        height,
        top: 0,
        left: 0,
        right: width,
        bottom: height,
        x: 0,
        y: 0,
        toJSON: () => ({}),
      } as DOMRect);
  });
  afterAll(() => {
    HTMLElement.prototype.getBoundingClientRect = original;
    (globalThis as any).ResizeObserver = originalObserver;
  });
}
