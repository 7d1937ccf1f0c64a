// Colorize publisher console: plain JavaScript (ES modules), no dependencies. The API key lives in sessionStorage
// only and is sent as "Authorization: Bearer" on every call; it never goes into a URL. Images and downloads are
// fetched with the header and shown through blob: URLs. The progress stream (SSE) is read with fetch() for the same
// reason. The page around the views (header, nav, sign-in) and the router are common-rest's shell.js and router.js.
import { $, apiKey, badge, call, clear, el, fail, json, problemOf, when } from './console-base.js';
import { onLeave } from './router.js';
import { startConsole } from './shell.js';
import { hintsButton } from './hints.js';
import { openSeries, referenceButton, referenceNote, startSeries } from './series.js';

const FINAL = new Set(['completed', 'completed_with_errors', 'failed']);

// ---- API -----------------------------------------------------------------------------------------------------

export async function blobUrl(path) {
  const res = await call(path + (path.includes('?') ? '&' : '?') + 'delivery=stream');
  return URL.createObjectURL(await res.blob());
}

async function download(path, filename) {
  const res = await call(path);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- small DOM helpers ----------------------------------------------------------------------------------------

/** A button that asks "really?" in place before doing something that cannot be undone. */
function confirmButton(label, question, confirmLabel, action, attrs = {}) {
  const holder = el('span', { class: 'confirm' });
  const first = el('button', Object.assign({ type: 'button', class: 'danger' }, attrs), label);
  holder.append(first);
  first.addEventListener('click', () => {
    const yes = el('button', { type: 'button', class: 'danger', 'data-confirm': 'yes' }, confirmLabel);
    const no = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const text = el('span', { role: 'alert', text: question });
    holder.replaceChildren(text, yes, no);
    yes.focus();
    no.addEventListener('click', () => {
      holder.replaceChildren(first);
      first.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      await action();
    });
  });
  return holder;
}

// ---- upload -----------------------------------------------------------------------------------------------------

const PAGE_NAME = /\.(png|jpe?g|webp)$/i;
const ARCHIVE_NAME = /\.(cbz|zip)$/i;
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
let chosen = { pages: [], archive: null };

function choose(files) {
  const all = Array.from(files);
  const archives = all.filter((f) => ARCHIVE_NAME.test(f.name));
  const pages = all.filter((f) => PAGE_NAME.test(f.name))
    .sort((a, b) => natural.compare(a.webkitRelativePath || a.name, b.webkitRelativePath || b.name));
  clear('upload-error');
  if (archives.length && (archives.length > 1 || pages.length)) {
    $('upload-error').textContent = 'Choose either one CBZ or page images, not both.';
    chosen = { pages: [], archive: null };
  } else if (archives.length) {
    chosen = { pages: [], archive: archives[0] };
  } else if (pages.length) {
    chosen = { pages, archive: null };
  } else if (all.length) {
    $('upload-error').textContent = 'None of these files is a page (PNG, JPEG, WebP) or a CBZ.';
    chosen = { pages: [], archive: null };
  }
  describeChoice();
}

function describeChoice() {
  const s = $('selection');
  if (chosen.archive) {
    s.textContent = 'Archive: ' + chosen.archive.name + ' (' + size(chosen.archive.size) + ')';
  } else if (chosen.pages.length) {
    const names = chosen.pages.map((f) => f.name);
    const total = chosen.pages.reduce((n, f) => n + f.size, 0);
    s.textContent = chosen.pages.length + (chosen.pages.length === 1 ? ' page' : ' pages') + ' (' + size(total) + '): '
      + (names.length > 8 ? names.slice(0, 8).join(', ') + ', ...' : names.join(', '));
  } else {
    s.textContent = 'Nothing chosen yet.';
  }
}

function size(bytes) {
  return bytes < 1024 * 1024 ? Math.max(1, Math.round(bytes / 1024)) + ' KB' : (bytes / 1048576).toFixed(1) + ' MB';
}

/** Files of a dropped folder (recursively) or dropped files. */
async function droppedFiles(dataTransfer) {
  const entries = Array.from(dataTransfer.items || []).map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
  if (!entries.length || entries.some((e) => !e)) {
    return Array.from(dataTransfer.files);
  }
  const files = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      files.push(await new Promise((ok, ko) => entry.file(ok, ko)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
        if (!batch.length) {
          break;
        }
        for (const e of batch) {
          await walk(e);
        }
      }
    }
  };
  for (const e of entries) {
    await walk(e);
  }
  return files;
}

function upload(event) {
  event.preventDefault();
  clear('upload-error', 'upload-status');
  if (!chosen.archive && !chosen.pages.length) {
    $('upload-error').textContent = 'Choose a folder of pages, page images or a CBZ first.';
    $('upload-folder').focus();
    return;
  }
  const form = new FormData();
  if ($('upload-title-input').value.trim()) {
    form.append('title', $('upload-title-input').value.trim());
  }
  if ($('upload-format').value) {
    form.append('outputFormat', $('upload-format').value);
  }
  const outputs = ['upload-layers', 'upload-ora', 'upload-psd'].filter((id) => $(id).checked).map((id) => $(id).value);
  if (outputs.length) {
    form.append('outputs', outputs.join(','));
  }
  if ($('upload-series').value.trim()) {
    form.append('seriesId', $('upload-series').value.trim());
  }
  if (chosen.archive) {
    form.append('archive', chosen.archive, chosen.archive.name);
  } else {
    chosen.pages.forEach((f) => form.append('pages', f, f.name));
  }
  // XMLHttpRequest, not fetch: it reports upload progress.
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/v1/chapters');
  xhr.setRequestHeader('Authorization', 'Bearer ' + apiKey());
  xhr.setRequestHeader('Idempotency-Key', crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
  const bar = $('upload-progress');
  bar.value = 0;
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) {
      bar.value = Math.round((e.loaded / e.total) * 100);
      $('upload-status').textContent = 'Uploading: ' + bar.value + ' %';
    }
  });
  $('upload-button').disabled = true;
  xhr.addEventListener('loadend', async () => {
    $('upload-button').disabled = false;
    if (xhr.status === 202) {
      bar.value = 100;
      const accepted = JSON.parse(xhr.responseText);
      $('upload-status').textContent = 'Uploaded: ' + accepted.pageCount + ' pages accepted.';
      chosen = { pages: [], archive: null };
      $('upload-folder').value = '';
      $('upload-files').value = '';
      describeChoice();
      location.hash = '#/chapters/' + accepted.chapterId;
    } else if (xhr.status === 0) {
      bar.value = 0;
      $('upload-error').textContent = 'The upload did not reach the service (network error or the connection was closed).';
    } else {
      bar.value = 0;
      const res = new Response(xhr.responseText,
        { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') || '' } });
      fail('upload-error', await problemOf(res));
    }
  });
  xhr.send(form);
}

// ---- one chapter: live states and results -------------------------------------------------------------------

export let current = null; // { id, controller, pages: Map(pageNumber -> card state) }

function openChapter(id) {
  const controller = new AbortController();
  current = { id, controller, cards: new Map(), status: null };
  onLeave(() => {
    controller.abort();
    current.cards.forEach((c) => c.urls.forEach((u) => URL.revokeObjectURL(u)));
    current = null;
  });
  $('pages').replaceChildren();
  $('chapter-title').textContent = 'Chapter';
  $('chapter-state').textContent = '-';
  $('chapter-state').className = 'badge';
  $('chapter-counts').textContent = '';
  $('chapter-live').textContent = '';
  $('download-cbz').disabled = true;
  $('download-layers').hidden = true;
  clear('chapter-error', 'download-error');
  const mine = current;
  refreshChapter(mine).then((status) => {
    if (status && !FINAL.has(status.state)) {
      follow(mine);
    }
  });
}

async function refreshChapter(mine) {
  if (mine !== current) {
    return null;
  }
  try {
    const status = await json('/v1/chapters/' + mine.id, { signal: mine.controller.signal });
    if (mine === current) {
      renderChapter(mine, status);
    }
    return status;
  } catch (e) {
    fail('chapter-error', e);
    return null;
  }
}

/** Reads the chapter's server-sent events with fetch (the key goes as a header); polls when the stream ends early. */
async function follow(mine) {
  $('chapter-live').textContent = 'Following live progress...';
  try {
    const res = await call('/v1/chapters/' + mine.id + '/events',
      { headers: { Accept: 'text/event-stream' }, signal: mine.controller.signal });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        block.split('\n').forEach((line) => {
          if (line.startsWith('event:')) {
            name = line.slice(6).trim();
          } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''));
          }
        });
        if (data.length) {
          const status = await refreshChapter(mine);
          if (name === 'completed' || (status && FINAL.has(status.state))) {
            $('chapter-live').textContent = 'Finished.';
            return;
          }
        }
      }
    }
  } catch (e) {
    if (e.name === 'AbortError') {
      return;
    }
    $('chapter-live').textContent = 'Live progress interrupted (' + e.message + '); checking every 2 seconds.';
  }
  // The stream ended before the chapter did: poll.
  while (mine === current) {
    const status = await refreshChapter(mine);
    if (status && FINAL.has(status.state)) {
      $('chapter-live').textContent = 'Finished.';
      return;
    }
    await new Promise((ok) => setTimeout(ok, 2000));
  }
}

function renderChapter(mine, status) {
  mine.status = status;
  $('chapter-title').textContent = status.title ? status.title : 'Chapter ' + status.chapterId.slice(0, 8);
  const badge = $('chapter-state');
  badge.className = 'badge ' + status.state;
  badge.textContent = status.state.replaceAll('_', ' ');
  badge.setAttribute('data-state', status.state);
  const finished = status.pagesDone + status.pagesFailed;
  $('chapter-counts').textContent = status.pagesDone + ' of ' + status.pageCount + ' pages done'
    + (status.pagesSkipped ? ' (' + status.pagesSkipped + ' already in color, passed through)' : '')
    + ', ' + status.pagesFailed + ' failed';
  $('chapter-progress').max = status.pageCount;
  $('chapter-progress').value = finished;
  $('download-cbz').disabled = !(status.pagesDone > 0 || status.pagesFailed > 0);
  const layered = (status.outputs || []).length > 0;
  $('download-layers').hidden = !layered;
  $('download-layers').disabled = !(status.pagesDone > 0);
  (status.pages || []).forEach((p) => renderPage(mine, p));
}

function renderPage(mine, page) {
  let card = mine.cards.get(page.pageNumber);
  if (!card) {
    const node = el('article', { class: 'card', id: 'page-' + page.pageNumber, 'aria-labelledby': 'page-h-' + page.pageNumber });
    card = { node, state: null, urls: [] };
    mine.cards.set(page.pageNumber, card);
    $('pages').append(node);
  }
  if (card.state === page.state) {
    return;
  }
  card.state = page.state;
  const header = el('header', {},
    el('h3', { id: 'page-h-' + page.pageNumber, class: 'flush' }, 'Page ' + page.pageNumber),
    el('span', { class: 'badge ' + page.state, 'data-state': page.state, text: page.state }));
  const name = el('div', { class: 'name', text: page.originalName + ' - ' + page.width + 'x' + page.height });
  const body = [];
  if (page.state === 'failed') {
    body.push(el('p', { class: 'reason', role: 'note', text: page.error || 'Failed (no reason was given).' }));
  } else if (page.resultUrl) {
    body.push(comparison(mine, card, page));
    if (page.state === 'skipped') {
      body.push(el('p', { class: 'note', text: 'Already in color: passed through unchanged.' }));
    }
  } else {
    body.push(el('div', { class: 'placeholder', text: page.state === 'processing' ? 'Coloring...' : 'Waiting in the queue...' }));
  }
  const buttons = el('div', { class: 'buttons' });
  const layerError = el('p', { class: 'error', role: 'alert', id: 'page-error-' + page.pageNumber });
  if (page.resultUrl) {
    const base = (page.originalName || 'page').replace(/\.[^.]+$/, '');
    buttons.append(downloadButton('Page', page.resultUrl + '?delivery=stream', base + '.colored' + extensionOf(page), layerError,
      'Download colored page ' + page.pageNumber));
    const files = { ORA: ' (OpenRaster) file', PSD: ' (Photoshop) file' };
    [['flatsUrl', 'Flats', '.flats.png'], ['linesUrl', 'Lines', '.lines.png'], ['oraUrl', 'ORA', '.ora'], ['psdUrl', 'PSD', '.psd']].forEach(([field, label, ext]) => {
      if (page[field]) {
        buttons.append(downloadButton(label, page[field] + '?delivery=stream', base + ext, layerError,
          'Download ' + label.toLowerCase() + (files[label] || ' layer') + ' of page ' + page.pageNumber));
      }
    });
  }
  const hinting = page.state === 'done' ? [hintsButton(page)] : [];
  const seriesId = mine.status && mine.status.seriesId;
  const referencing = page.state === 'done' && seriesId ? [referenceButton(mine.id, seriesId, page)] : [];
  card.node.replaceChildren(header, name, ...body, ...referenceNote(page), buttons, ...hinting, ...referencing, layerError);
}

function extensionOf(page) {
  const format = (current && current.status && current.status.outputFormat) || '';
  if (page.state === 'skipped') {
    return '.' + (page.sourceFormat || 'png').toLowerCase().replace('jpeg', 'jpg');
  }
  return { JPEG: '.jpg', WEBP: '.webp' }[format] || '.png';
}

function downloadButton(label, path, filename, errorNode, description) {
  return el('button', {
    type: 'button', class: 'secondary', 'aria-label': description,
    onclick: async (e) => {
      errorNode.textContent = '';
      e.target.disabled = true;
      try {
        await download(path, filename);
      } catch (err) {
        errorNode.textContent = err.message;
      } finally {
        e.target.disabled = false;
      }
    },
  }, label);
}

/** Before and after of one page: a slider over the two images, or both side by side. */
function comparison(mine, card, page) {
  const box = el('div', { class: 'comparison' });
  const before = el('img', { class: 'before', alt: 'Page ' + page.pageNumber + ' as uploaded' });
  const after = el('img', { class: 'after', alt: 'Page ' + page.pageNumber + ' colored', 'data-page': page.pageNumber });
  const load = async () => {
    try {
      const [b, a] = await Promise.all([blobUrl(page.originalUrl), blobUrl(page.resultUrl)]);
      card.urls.push(b, a);
      before.src = b;
      after.src = a;
    } catch (e) {
      box.append(el('p', { class: 'error', role: 'alert', text: 'The images could not be loaded: ' + e.message }));
    }
  };
  load();
  const slider = el('input', { type: 'range', min: 0, max: 100, value: 50, id: 'slider-' + page.pageNumber,
    'aria-valuetext': '50 % colored' });
  const label = el('label', { for: 'slider-' + page.pageNumber, class: 'note' }, 'Before / after, page ' + page.pageNumber);
  const divider = el('div', { class: 'divider' });
  const stack = el('div', { class: 'compare' }, before, after, divider);
  const place = () => {
    const v = Number(slider.value);
    after.style.clipPath = 'inset(0 0 0 ' + (100 - v) + '%)';
    divider.style.left = 'calc(' + (100 - v) + '% - 1px)';
    slider.setAttribute('aria-valuetext', v + ' % colored');
  };
  slider.addEventListener('input', place);
  place();
  const sbsBefore = el('img', { alt: 'Page ' + page.pageNumber + ' as uploaded' });
  const sbsAfter = el('img', { alt: 'Page ' + page.pageNumber + ' colored' });
  before.addEventListener('load', () => { sbsBefore.src = before.src; });
  after.addEventListener('load', () => { sbsAfter.src = after.src; });
  const sideBySide = el('div', { class: 'sbs' },
    el('figure', {}, sbsBefore, el('figcaption', { text: 'Before' })),
    el('figure', {}, sbsAfter, el('figcaption', { text: 'After' })));
  const sliderView = el('div', { class: 'slider-view' }, stack, label, slider);
  const apply = () => {
    const sbs = $('side-by-side').checked;
    sliderView.hidden = sbs;
    sideBySide.hidden = !sbs;
  };
  box.applyLayout = apply;
  apply();
  box.append(sliderView, sideBySide);
  return box;
}

// ---- chapters list ----------------------------------------------------------------------------------------------

let nextCursor = null;

async function loadChapters(more) {
  clear('chapters-error');
  const body = $('chapters-table').querySelector('tbody');
  if (!more) {
    body.replaceChildren();
    nextCursor = null;
  }
  try {
    const list = await json('/v1/chapters?limit=20' + (more && nextCursor ? '&cursor=' + encodeURIComponent(nextCursor) : ''));
    list.items.forEach((c) => body.append(chapterRow(c)));
    nextCursor = list.nextCursor;
    $('chapters-more').hidden = !nextCursor;
    $('chapters-empty').hidden = body.children.length > 0;
  } catch (e) {
    fail('chapters-error', e);
  }
}

function chapterRow(c) {
  const title = c.title || 'Untitled ' + c.chapterId.slice(0, 8);
  const row = el('tr', { 'data-chapter': c.chapterId });
  const error = el('span', { class: 'error', role: 'alert' });
  const remove = confirmButton('Delete', 'Delete "' + title + '" and all its pages?', 'Yes, delete', async () => {
    try {
      await call('/v1/chapters/' + c.chapterId, { method: 'DELETE' });
      row.remove();
      $('chapters-empty').hidden = $('chapters-table').querySelector('tbody').children.length > 0;
    } catch (e) {
      error.textContent = e.message;
      remove.replaceChildren(...remove.children);
    }
  }, { 'aria-label': 'Delete chapter ' + title });
  row.append(
    el('td', {}, el('a', { href: '#/chapters/' + c.chapterId }, title)),
    el('td', {}, badge(c.state)),
    el('td', { class: 'num', text: c.pagesDone }),
    el('td', { class: 'num', text: c.pagesFailed }),
    el('td', { class: 'num', text: c.pageCount }),
    el('td', { text: when(c.createdAt) }),
    el('td', {}, remove, error));
  return row;
}

// ---- webhooks ---------------------------------------------------------------------------------------------------

async function loadWebhooks() {
  clear('webhook-error', 'webhook-saved', 'rotate-error', 'deliveries-error');
  try {
    const settings = await json('/v1/webhooks/settings');
    $('webhook-url').value = settings.defaultUrl || '';
  } catch (e) {
    fail('webhook-error', e);
  }
  loadDeliveries();
}

async function saveWebhook(event) {
  event.preventDefault();
  clear('webhook-error', 'webhook-saved');
  const url = $('webhook-url').value.trim();
  try {
    const saved = await json('/v1/webhooks/settings', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ defaultUrl: url || null }),
    });
    $('webhook-url').value = saved.defaultUrl || '';
    $('webhook-saved').textContent = saved.defaultUrl ? 'Saved.' : 'Saved: no default webhook.';
  } catch (e) {
    fail('webhook-error', e);
  }
}

function rotateArea() {
  const area = $('rotate-area');
  const rotate = el('button', { type: 'button', class: 'secondary', id: 'rotate-secret' }, 'Rotate the secret');
  rotate.addEventListener('click', () => {
    const yes = el('button', { type: 'button', class: 'danger', id: 'rotate-confirm' }, 'Yes, rotate');
    const no = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    area.replaceChildren(el('span', { role: 'alert', text: 'Make a new signing secret?' }), yes, no);
    yes.focus();
    no.addEventListener('click', () => { rotateArea(); $('rotate-secret').focus(); });
    yes.addEventListener('click', async () => {
      clear('rotate-error');
      yes.disabled = true;
      try {
        const r = await json('/v1/webhooks/secret/rotate', { method: 'POST' });
        $('rotate-result').replaceChildren(
          el('span', { text: 'New secret (shown once, copy it now): ' }), el('span', { class: 'secret', id: 'new-secret', text: r.secret }),
          el('br'), el('span', { class: 'note', text: 'The previous secret keeps signing until ' + when(r.previousExpiresAt) + '.' }));
      } catch (e) {
        fail('rotate-error', e);
      }
      rotateArea();
    });
  });
  area.replaceChildren(rotate);
}

async function loadDeliveries() {
  clear('deliveries-error');
  const body = $('deliveries-table').querySelector('tbody');
  try {
    const deliveries = await json('/v1/webhooks/deliveries?limit=50');
    body.replaceChildren(...deliveries.map(deliveryRow));
    $('deliveries-empty').hidden = deliveries.length > 0;
  } catch (e) {
    fail('deliveries-error', e);
  }
}

function deliveryRow(d) {
  const error = el('span', { class: 'error', role: 'alert' });
  const responses = el('ul', { class: 'attempts' }, d.attempts.map((a) => el('li', {
    text: '#' + a.attemptNumber + ' ' + (a.statusCode ? 'HTTP ' + a.statusCode : 'no answer')
      + (a.error && a.error !== 'HTTP ' + a.statusCode ? ': ' + a.error : '') + ' (' + a.durationMs + ' ms, '
      + when(a.attemptedAt) + ')',
  })));
  const resend = el('button', {
    type: 'button', class: 'secondary', 'aria-label': 'Resend delivery ' + d.id,
    onclick: async () => {
      error.textContent = '';
      resend.disabled = true;
      try {
        await call('/v1/webhooks/deliveries/' + d.id + '/resend', { method: 'POST' });
        resend.textContent = 'Resend queued';
        setTimeout(loadDeliveries, 1500);
      } catch (e) {
        error.textContent = e.message;
        resend.disabled = false;
      }
    },
  }, 'Resend');
  return el('tr', { 'data-delivery': d.id },
    el('td', { text: when(d.createdAt) }),
    el('td', { text: d.eventType }),
    el('td', {}, d.chapterId ? el('a', { href: '#/chapters/' + d.chapterId }, d.chapterId.slice(0, 8)) : ''),
    el('td', {}, badge(d.state)),
    el('td', { class: 'num', text: d.attemptCount }),
    el('td', {}, d.attempts.length ? responses : el('span', { class: 'note', text: 'not sent yet' }),
      el('div', { class: 'note', text: d.url })),
    el('td', {}, resend, error));
}

// ---- wiring -----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('upload-form').addEventListener('submit', upload);
  $('upload-folder').addEventListener('change', (e) => choose(e.target.files));
  $('upload-files').addEventListener('change', (e) => choose(e.target.files));
  const drop = $('drop-zone');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(await droppedFiles(e.dataTransfer));
  });
  drop.addEventListener('keydown', (e) => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target === drop) {
      e.preventDefault();
      $('upload-folder').click();
    }
  });
  $('download-cbz').addEventListener('click', async () => {
    clear('download-error');
    try {
      await download('/v1/chapters/' + current.id + '/archive', (current.status.title || current.id) + '.cbz');
    } catch (e) {
      fail('download-error', e);
    }
  });
  $('download-layers').addEventListener('click', async () => {
    clear('download-error');
    try {
      await download('/v1/chapters/' + current.id + '/archive?layers=true', (current.status.title || current.id) + '-layers.zip');
    } catch (e) {
      fail('download-error', e);
    }
  });
  $('side-by-side').addEventListener('change', () => {
    document.querySelectorAll('.comparison').forEach((c) => c.applyLayout && c.applyLayout());
  });
  $('webhook-form').addEventListener('submit', saveWebhook);
  $('deliveries-refresh').addEventListener('click', loadDeliveries);
  rotateArea();
  startSeries();
  startConsole({
    name: 'publisher console',
    nav: [{ view: 'upload', label: 'Upload' }, { view: 'chapters', label: 'Chapters' }, { view: 'series', label: 'Series' },
      { view: 'webhooks', label: 'Webhooks' }],
    keyLabel: 'API key',
    keyPlaceholder: 'ck_...',
    keyNote: 'The key stays in this browser tab (session storage) and goes to the service only as an Authorization '
      + 'header. Closing the tab forgets it.',
    keyItem: 'colorize.publisher.key',
    service: 'The service',
    keyAdvice: { 401: '. Check the API key.' },
    signOutOn: [401],
    signInProbe: '/v1/chapters?limit=1',
    emptyKey: 'Type your API key.',
    home: '#/upload',
    routes: [
      { hash: '#/upload', view: 'upload' },
      { hash: /^#\/chapters\/([0-9a-f-]{36})$/, view: 'chapter', open: (m) => openChapter(m[1]) },
      { hash: '#/chapters', view: 'chapters', open: () => loadChapters(false) },
      { hash: '#/series', view: 'series', open: () => openSeries(null) },
      { hash: /^#\/series\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/, view: 'series', open: (m) => openSeries(m[1]) },
      { hash: '#/webhooks', view: 'webhooks', open: () => loadWebhooks() },
    ],
    navParent: { chapter: 'chapters' },
  });
});
