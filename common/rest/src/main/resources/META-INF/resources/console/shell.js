// The page both consoles are built in (an ES module served from common-rest): the header with the console's name
// and its nav, the API-key sign-in view, and the start of the hash router. A console's index.html holds only its
// own views in <main>; its script calls startConsole once the page is parsed. The settings, besides
// console-base.js's and router.js's:
//   { name: 'publisher console', nav: [{ view, label }], keyLabel: 'API key', keyPlaceholder (optional),
//     keyNote: 'where the key stays', routes: (router.js), navParent: (router.js) }
import { apiKey, configure, el, signIn, signOut } from './console-base.js';
import { startRouter } from './router.js';

export function startConsole(settings) {
  configure(settings);
  document.body.prepend(header(settings));
  document.querySelector('main').prepend(signInView(settings));
  document.getElementById('signin-form').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  startRouter({ home: settings.home, routes: settings.routes, navParent: settings.navParent,
    signedIn: () => Boolean(apiKey()) });
}

function header(settings) {
  return el('header', { class: 'bar' },
    el('h1', {}, 'Colorize ', el('span', { text: settings.name })),
    el('nav', { id: 'nav', 'aria-label': 'Console sections', hidden: true },
      settings.nav.map((n) => el('a', { href: '#/' + n.view, id: 'nav-' + n.view, text: n.label })),
      el('button', { type: 'button', id: 'sign-out', class: 'secondary', text: 'Sign out' })));
}

function signInView(settings) {
  return el('section', { id: 'view-signin', class: 'view', 'aria-labelledby': 'signin-title' },
    el('h2', { id: 'signin-title', text: 'Sign in' }),
    el('form', { id: 'signin-form', class: 'panel' },
      el('div', { class: 'row' },
        el('div', { class: 'field grow' },
          el('label', { for: 'api-key', text: settings.keyLabel }),
          el('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
            required: true, placeholder: settings.keyPlaceholder, 'aria-describedby': 'api-key-note signin-error' })),
        el('button', { type: 'submit', id: 'signin-button', text: 'Sign in' })),
      el('p', { id: 'signin-error', class: 'error', role: 'alert' }),
      el('p', { id: 'api-key-note', class: 'note', text: settings.keyNote })));
}
