/**
 * The browser's way to reach Bucket: fetch for the regular POSTs (keepalive, so a request
 * already sent survives the page closing; no cookies; aborted after timeoutMs) and
 * navigator.sendBeacon when the page is hidden.
 */

/**
 * @param {object} [globals] what to use instead of the page's own (tests)
 * @return {{post: Function, beacon: Function}}
 */
export function browserTransport({ fetch = globalThis.fetch, navigator = globalThis.navigator, Blob = globalThis.Blob } = {}) {
  return {
    /** @return {Promise<{status: number}>}, rejected on a network failure or timeout */
    async post(url, body, { timeoutMs }) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        keepalive: true,
        credentials: 'omit',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status };
    },
    /** @return {boolean} whether the browser took the beacon */
    beacon(url, body) {
      if (!navigator || typeof navigator.sendBeacon !== 'function') return false;
      try {
        return navigator.sendBeacon(url, new Blob([body], { type: 'application/json' })) === true;
      } catch (error) {
        return false;
      }
    },
  };
}
