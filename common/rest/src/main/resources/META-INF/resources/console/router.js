// The consoles' hash router (an ES module served from common-rest): each console names its views by the hash that
// opens them; a console without a key in this tab shows the sign-in view whatever the hash says. Plain JavaScript.
//   startRouter({ home: '#/...', signedIn: () => bool,
//                 routes: [{ hash: '#/...' or /^#\/...$/, view: 'name', open: (match) => {...} }, ...],
//                 navParent: { view: 'nav view' } (the nav entry a detail view belongs to) })
// An unknown hash shows the home route's view. A view that keeps something running (a stream, a poll) hands
// onLeave() what stops it; the next route() calls it.

let settings = null;
let leave = () => {};

/** Shows one view (section#view-NAME) and marks its nav entry as the current page. */
function show(view) {
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-' + view; });
  document.getElementById('nav').hidden = view === 'signin';
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.id === 'nav-' + view || a.id === 'nav-' + settings.navParent[view]) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
}

/** What stops the current view's work when the user goes elsewhere. */
export function onLeave(stop) {
  leave = stop;
}

export function route() {
  leave();
  leave = () => {};
  if (!settings.signedIn()) {
    show('signin');
    document.getElementById('api-key').focus();
    return;
  }
  const hash = location.hash || settings.home;
  for (const r of settings.routes) {
    const match = typeof r.hash === 'string' ? (hash === r.hash ? [hash] : null) : hash.match(r.hash);
    if (match) {
      open(r, match);
      return;
    }
  }
  open(settings.routes.find((r) => r.hash === settings.home), [settings.home]);
}

function open(r, match) {
  show(r.view);
  if (r.open) {
    r.open(match);
  }
}

export function startRouter(routerSettings) {
  settings = routerSettings;
  window.addEventListener('hashchange', route);
  route();
}
