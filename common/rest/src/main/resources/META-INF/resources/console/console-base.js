// What both Colorize consoles share (an ES module served by each service from common-rest): calling the API with
// the key, problem details in plain words, sign in and out, small DOM helpers. Plain JavaScript, no dependencies.
// shell.js hands it the console's settings (configure) before anything here is called:
//   { keyItem, service ('The service'), keyAdvice ({401: '. Check the key.', ...}), signOutOn ([401]),
//     signInProbe (a GET the key must pass), emptyKey (the message for no key), home ('#/...') }
// The key lives in sessionStorage only and goes as "Authorization: Bearer", never into a URL.
import { route } from './router.js';

let settings = null;

export function configure(consoleSettings) {
  settings = consoleSettings;
}

export const $ = (id) => document.getElementById(id);

// ---- API -----------------------------------------------------------------------------------------------------

export function apiKey() {
  return sessionStorage.getItem(settings.keyItem);
}

class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/** A problem details answer (RFC 9457) in plain words. */
export async function problemOf(res) {
  let p = null;
  try {
    if ((res.headers.get('content-type') || '').includes('json')) {
      p = await res.json();
    }
  } catch (e) {
    p = null;
  }
  let text;
  if (p && (p.detail || p.title)) {
    text = p.detail ? p.detail : p.title;
    if (p.title && p.detail && !p.detail.startsWith(p.title)) {
      text = p.title + ': ' + p.detail;
    }
    if (p.file) {
      text += ' (file ' + p.file + ')';
    }
  } else {
    text = settings.service + ' answered ' + res.status + (res.statusText ? ' ' + res.statusText : '');
  }
  text += settings.keyAdvice[res.status] || '';
  return new ApiError(text, res.status, p);
}

export async function call(path, options = {}) {
  const headers = Object.assign({}, options.headers || {}, { Authorization: 'Bearer ' + (options.key || apiKey()) });
  let res;
  try {
    res = await fetch(path, { method: options.method || 'GET', headers, body: options.body, signal: options.signal });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(settings.service + ' cannot be reached (' + e.message + ')', 0, null);
  }
  if (!res.ok) {
    throw await problemOf(res);
  }
  return res;
}

export async function json(path, options) {
  const res = await call(path, options);
  return res.status === 204 ? null : res.json();
}

/** Shows an error next to the control that caused it; a refused key sends the user back to sign in. */
export function fail(where, error) {
  if (error && error.name === 'AbortError') {
    return;
  }
  $(where).textContent = error.message || String(error);
  if (settings.signOutOn.includes(error.status) && where !== 'signin-error') {
    sessionStorage.removeItem(settings.keyItem);
    $('signin-error').textContent = error.message;
    location.hash = '#/signin';
  }
}

export function clear(...ids) {
  ids.forEach((id) => { $(id).textContent = ''; });
}

// ---- small DOM helpers ----------------------------------------------------------------------------------------

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) {
      continue;
    }
    if (k === 'class') {
      e.className = v;
    } else if (k === 'text') {
      e.textContent = v;
    } else if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function badge(state) {
  return el('span', { class: 'badge ' + state, text: state.replaceAll('_', ' ') });
}

// ---- signing in ------------------------------------------------------------------------------------------------

export async function signIn(event) {
  event.preventDefault();
  clear('signin-error');
  const key = $('api-key').value.trim();
  if (!key) {
    $('signin-error').textContent = settings.emptyKey;
    return;
  }
  $('signin-button').disabled = true;
  try {
    await json(settings.signInProbe, { key });
    sessionStorage.setItem(settings.keyItem, key);
    $('api-key').value = '';
    if (!location.hash || location.hash === '#/signin') {
      location.hash = settings.home;
    } else {
      route();
    }
  } catch (e) {
    fail('signin-error', e);
  } finally {
    $('signin-button').disabled = false;
  }
}

export function signOut() {
  sessionStorage.removeItem(settings.keyItem);
  location.hash = '#/signin';
  route();
}
