/**
 * This browser's device id: generated once and kept in localStorage, so a refresh or a reconnect is
 * the same device (never blocked) while another PC or browser is a different one.
 */
const KEY = 'sc.deviceId';

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored id, creating it on first use. */
export function deviceId(): string {
  let id = localStorage.getItem(KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,80}$/.test(id)) {
    id = randomId();
    localStorage.setItem(KEY, id);
  }
  return id;
}
