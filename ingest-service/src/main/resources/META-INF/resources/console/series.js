// Colorize publisher console: a series' reference art. The series view lists its references with small thumbnails
// (fetched with the key and shown through blob: URLs), adds one (a colored image and, optionally, its line art) and
// deletes one; a finished page of a chapter of a series can be made a reference from its card. Plain JavaScript.
import { $, call, clear, el, fail, json, when } from './console-base.js';
import { onLeave } from './router.js';

const SERIES_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

let shown = null; // { id, urls: [] } while a series is shown

function references(seriesId) {
  return '/v1/series/' + encodeURIComponent(seriesId) + '/references';
}

/** Opens the series view: the form alone, or (seriesId) the series' references too. */
export function openSeries(seriesId) {
  const mine = { id: seriesId, urls: [] };
  shown = mine;
  onLeave(() => {
    mine.urls.forEach((u) => URL.revokeObjectURL(u));
    shown = null;
  });
  clear('series-open-error', 'references-error', 'reference-error', 'reference-status');
  $('series-id').value = seriesId || '';
  $('series-references').hidden = !seriesId;
  $('series-title').textContent = seriesId ? 'Series ' + seriesId : 'Series';
  $('references-list').replaceChildren();
  if (seriesId) {
    loadReferences(mine);
  }
}

async function loadReferences(mine) {
  clear('references-error');
  try {
    const list = await json(references(mine.id));
    if (mine !== shown) {
      return;
    }
    $('references-list').replaceChildren(...list.map((r) => referenceItem(mine, r)));
    $('references-empty').hidden = list.length > 0;
  } catch (e) {
    if (e.status === 404) {
      // no such series of this publisher yet: adding a reference makes it one
      $('references-list').replaceChildren();
      $('references-empty').hidden = false;
      return;
    }
    fail('references-error', e);
  }
}

function referenceItem(mine, r) {
  const thumb = el('img', { class: 'reference-thumb', loading: 'lazy', width: 96, height: 96,
    alt: 'Reference ' + r.coloredName });
  call(r.coloredUrl + '?delivery=stream').then((res) => res.blob()).then((blob) => {
    const url = URL.createObjectURL(blob);
    mine.urls.push(url);
    thumb.src = url;
  }).catch(() => { thumb.alt = 'Reference ' + r.coloredName + ' (the image could not be loaded)'; });
  const error = el('span', { class: 'error', role: 'alert' });
  const remove = el('button', {
    type: 'button', class: 'danger', 'aria-label': 'Delete reference ' + r.coloredName,
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await call(r.url, { method: 'DELETE' });
        loadReferences(mine);
      } catch (err) {
        error.textContent = err.message;
        e.target.disabled = false;
      }
    },
  }, 'Delete');
  const from = r.source ? ', from page ' + r.source.pageNumber + ' of chapter ' + r.source.chapterId.slice(0, 8) : '';
  return el('li', { class: 'reference', 'data-reference': r.id }, thumb,
    el('div', {},
      el('div', { class: 'name', text: r.coloredName + ' - ' + r.width + 'x' + r.height }),
      el('div', { class: 'note', text: (r.hasLines ? 'with line art ' + r.linesName : 'no line art') + from
        + ' - added ' + when(r.createdAt) }),
      remove, error));
}

function openForm(event) {
  event.preventDefault();
  const id = $('series-id').value.trim();
  if (!SERIES_ID.test(id)) {
    $('series-open-error').textContent = 'A series id is 1 to 100 letters, digits, ".", "_" or "-", starting with a '
      + 'letter or digit.';
    return;
  }
  location.hash = '#/series/' + id;
}

async function addReference(event) {
  event.preventDefault();
  clear('reference-error', 'reference-status');
  const colored = $('reference-colored').files[0];
  const lines = $('reference-lines').files[0];
  if (!colored) {
    $('reference-error').textContent = 'Choose the colored image first.';
    $('reference-colored').focus();
    return;
  }
  const form = new FormData();
  form.append('colored', colored, colored.name);
  if (lines) {
    form.append('lines', lines, lines.name);
  }
  const mine = shown;
  $('reference-add').disabled = true;
  try {
    const added = await json(references(mine.id), { method: 'POST', body: form });
    $('reference-status').textContent = 'Added ' + added.coloredName + '.';
    $('reference-colored').value = '';
    $('reference-lines').value = '';
    if (mine === shown) {
      loadReferences(mine);
    }
  } catch (e) {
    fail('reference-error', e);
  } finally {
    $('reference-add').disabled = false;
  }
}

/** What a page's card says of its references: "12 of 40 regions followed a reference", or nothing. */
export function referenceNote(page) {
  const use = page.revisionReferences || page.references;
  if (!use) {
    return [];
  }
  return [el('p', { class: 'note references-use', 'data-references': use.followed + '/' + use.regions,
    text: use.followed + ' of ' + use.regions + ' regions followed a reference' })];
}

/** The "Use as reference" button of a finished page of a chapter of a series. */
export function referenceButton(chapterId, seriesId, page) {
  const status = el('span', { class: 'note', role: 'status' });
  const button = el('button', {
    type: 'button', class: 'secondary', id: 'reference-from-' + page.pageNumber,
    'aria-label': 'Use page ' + page.pageNumber + ' as a reference of series ' + seriesId,
    onclick: async () => {
      button.disabled = true;
      status.textContent = '';
      try {
        await json(references(seriesId) + '/from-page', { method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ chapterId, page: page.pageNumber }) });
        status.replaceChildren('Added to the references of ',
          el('a', { href: '#/series/' + seriesId, text: 'series ' + seriesId }), '.');
      } catch (e) {
        status.textContent = e.message;
        button.disabled = false;
      }
    },
  }, 'Use as reference');
  return el('div', { class: 'reference-open' }, button, status);
}

export function startSeries() {
  $('series-open-form').addEventListener('submit', openForm);
  $('reference-form').addEventListener('submit', addReference);
}
