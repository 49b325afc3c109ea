/**
 * A page for the tests: a window and a document that are real EventTargets, with the
 * properties PRANA reads, helpers that dispatch the events a user causes, and a record of
 * every listener added with its options.
 */
export function fakePage() {
  const listeners = [];
  const track = (target, name) => {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    target.addEventListener = (type, listener, options) => {
      listeners.push({ target: name, type, listener, options });
      add(type, listener, options);
    };
    target.removeEventListener = (type, listener, options) => {
      const i = listeners.findIndex((l) => l.target === name && l.type === type && l.listener === listener);
      if (i >= 0) listeners.splice(i, 1);
      remove(type, listener, options);
    };
  };
  const window = new EventTarget();
  const document = new EventTarget();
  track(window, 'window');
  track(document, 'document');
  let focused = true;
  window.innerHeight = 1000;
  window.scrollY = 0;
  document.visibilityState = 'visible';
  document.hasFocus = () => focused;
  document.documentElement = { scrollHeight: 3000, scrollTop: 0 };

  const event = (type, props = {}) => Object.assign(new Event(type), props);
  const pointer = { x: 0, y: 0 };
  return {
    window,
    document,
    listeners,
    /** Moves the pointer by (dx, dy) px in one event. */
    move(dx, dy = 0) {
      pointer.x += dx;
      pointer.y += dy;
      window.dispatchEvent(event('pointermove', { clientX: pointer.x, clientY: pointer.y }));
    },
    click() { window.dispatchEvent(event('pointerdown')); },
    key(key = 'a', repeat = false) { window.dispatchEvent(event('keydown', { key, repeat })); },
    scrollTo(y) { window.scrollY = y; window.dispatchEvent(event('scroll')); },
    blur() { focused = false; window.dispatchEvent(event('blur')); },
    focus() { focused = true; window.dispatchEvent(event('focus')); },
    hide() { document.visibilityState = 'hidden'; document.dispatchEvent(event('visibilitychange')); },
    show() { document.visibilityState = 'visible'; document.dispatchEvent(event('visibilitychange')); },
    pagehide() { window.dispatchEvent(event('pagehide', { persisted: false })); },
  };
}

/** A transport that records every POST and beacon, answering with the statuses it is given. */
export function fakeTransport() {
  const posts = [];
  const beacons = [];
  let answer = () => ({ status: 200 });
  let beaconAccepts = () => true;
  return {
    posts,
    beacons,
    /** @param {(body) => ({status}|Promise|Error)} fn what each POST answers; an Error rejects */
    answerWith(fn) { answer = fn; },
    beaconAnswer(fn) { beaconAccepts = fn; },
    post(url, body, options) {
      posts.push({ url, body, packet: JSON.parse(body), options });
      const result = answer(body);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
    beacon(url, body) {
      const accepted = beaconAccepts(body);
      if (accepted) beacons.push({ url, body, packet: JSON.parse(body) });
      return accepted;
    },
  };
}
