import { createSignal } from 'solid-js';

/**
 * Error/notice state for a page and a runner that clears, runs and reports. Returns the action's result,
 * or undefined when it failed (the error is then shown by the page's ErrorBanner).
 */
export function useAction() {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  async function run<T>(fn: () => Promise<T>, done?: string | ((r: T) => string)): Promise<T | undefined> {
    setError(null);
    setNotice('');
    setBusy(true);
    try {
      const r = await fn();
      if (done) setNotice(typeof done === 'string' ? done : done(r));
      return r;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, notice, setNotice, busy, run };
}
