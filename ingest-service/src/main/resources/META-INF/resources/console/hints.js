// Colorize publisher console: color hints for one finished page, on the chapter publisher.js shows (current). A
// click on the page drops a dot at the clicked place in page pixels (the image is shown scaled); "Recolor" posts the
// dots to the page's recolor endpoint, follows the chapter's status until the new revision is done or failed, and
// shows it beside the previous one.
import { $, el, json } from './console-base.js';
import { blobUrl, current } from './publisher.js';

const HINT_PRESETS = ['#d03030', '#f0a030', '#f5d76e', '#20c020', '#3070d0', '#8a50c0', '#f2c6a0', '#6b4a2b'];

let hints = null; // { chapterId, page, width, height, dots: [{x, y, color, name}], color, name, shown, urls, polling }

/** The "Hints" button of a finished page's card. */
export function hintsButton(page) {
  return el('div', { class: 'hint-open' }, el('button', {
    type: 'button', class: 'secondary', id: 'hints-open-' + page.pageNumber,
    'aria-label': 'Color hints for page ' + page.pageNumber, onclick: () => openHints(page),
  }, 'Hints'));
}

function closeHints() {
  if (hints) {
    hints.urls.forEach((u) => URL.revokeObjectURL(u));
    hints.polling = false;
  }
  hints = null;
  const panel = $('hints-panel');
  if (panel) {
    panel.hidden = true;
  }
}

async function openHints(page) {
  closeHints();
  const chapter = current;
  page = ((chapter.status && chapter.status.pages) || []).find((p) => p.pageNumber === page.pageNumber) || page;
  const shown = page.revisionState === 'done' && page.revision ? page.revision : 0;
  hints = { chapterId: chapter.id, page: page.pageNumber, width: page.width, height: page.height, dots: [],
    color: HINT_PRESETS[0], name: null, shown, urls: [], polling: false };
  const mine = hints;
  $('hints-title').textContent = 'Color hints, page ' + page.pageNumber;
  $('hints-color').value = mine.color;
  $('hints-x').max = page.width - 1;
  $('hints-y').max = page.height - 1;
  $('hints-image').alt = 'Page ' + page.pageNumber + ' as uploaded: click to drop a hint dot';
  $('hints-image').removeAttribute('src');
  $('hints-dots').replaceChildren();
  $('hints-compare').hidden = true;
  ['hints-state', 'hints-error'].forEach((id) => { $(id).textContent = ''; });
  renderSwatches(HINT_PRESETS.map((c) => ({ color: c, name: null })), $('hints-swatches'));
  $('hints-palette-group').hidden = true;
  renderDots();
  $('hints-panel').hidden = false;
  $('hints-panel').scrollIntoView({ block: 'start' });
  $('hints-title').focus();
  try {
    const url = await blobUrl(page.originalUrl);
    if (hints !== mine) {
      URL.revokeObjectURL(url);
      return;
    }
    mine.urls.push(url);
    $('hints-image').src = url;
  } catch (e) {
    $('hints-error').textContent = 'The page could not be loaded: ' + e.message;
  }
  const seriesId = chapter.status && chapter.status.seriesId;
  if (seriesId) {
    try {
      const palette = await json('/v1/series/' + encodeURIComponent(seriesId) + '/palette');
      if (hints === mine && palette && palette.entries && palette.entries.length) {
        $('hints-palette-title').textContent = 'Series palette (' + seriesId + ')';
        renderSwatches(palette.entries.map((e) => ({ color: e.color, name: e.name })), $('hints-palette'));
        $('hints-palette-group').hidden = false;
      }
    } catch (e) {
      if (hints === mine) {
        $('hints-error').textContent = 'The series palette could not be loaded: ' + e.message;
      }
    }
  }
}

function renderSwatches(entries, holder) {
  holder.replaceChildren(...entries.map((entry) => {
    const label = entry.name ? entry.name + ' (' + entry.color + ')' : entry.color;
    const swatch = el('span', { class: 'swatch-color', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = entry.color;
    const b = el('button', {
      type: 'button', class: 'swatch', 'aria-pressed': 'false', 'aria-label': 'Hint color ' + label,
      'data-color': entry.color, 'data-name': entry.name || null,
      onclick: () => pick(entry.color, entry.name),
    }, swatch, entry.name ? entry.name : '');
    return b;
  }));
  markPicked();
}

function pick(color, name) {
  hints.color = color.toLowerCase();
  hints.name = name || null;
  $('hints-color').value = hints.color;
  $('hints-picked').textContent = 'Dots get ' + (hints.name ? hints.name + ' (' + hints.color + ')' : hints.color) + '.';
  markPicked();
}

function markPicked() {
  document.querySelectorAll('#hints-panel .swatch').forEach((b) => {
    const same = b.getAttribute('data-color').toLowerCase() === (hints && hints.color)
      && (b.getAttribute('data-name') || null) === (hints && hints.name);
    b.setAttribute('aria-pressed', same ? 'true' : 'false');
  });
}

function addDot(x, y) {
  const px = Math.min(hints.width - 1, Math.max(0, Math.round(x)));
  const py = Math.min(hints.height - 1, Math.max(0, Math.round(y)));
  hints.dots.push({ x: px, y: py, color: hints.color, name: hints.name });
  renderDots();
  $('hints-state').textContent = 'Hint ' + hints.dots.length + ' at ' + px + ', ' + py + '.';
}

/** A click on the shown (scaled) image: its place in page pixels. */
function clickOnPage(event) {
  if (!hints) {
    return;
  }
  const img = $('hints-image');
  const box = img.getBoundingClientRect();
  if (!box.width || !box.height) {
    return;
  }
  addDot((event.clientX - box.left) * hints.width / box.width, (event.clientY - box.top) * hints.height / box.height);
}

function renderDots() {
  const list = $('hints-list');
  list.replaceChildren(...hints.dots.map((d, i) => el('li', { 'data-x': d.x, 'data-y': d.y, 'data-color': d.color },
    (() => { const s = el('span', { class: 'swatch-color', 'aria-hidden': 'true' }); s.style.backgroundColor = d.color; return s; })(),
    el('span', { text: (i + 1) + ': ' + d.x + ', ' + d.y + ' - ' + (d.name ? d.name + ' (' + d.color + ')' : d.color) }),
    el('button', {
      type: 'button', class: 'link', 'aria-label': 'Remove hint ' + (i + 1) + ' at ' + d.x + ', ' + d.y,
      onclick: () => {
        hints.dots.splice(i, 1);
        renderDots();
        const next = $('hints-list').querySelector('button') || $('hints-image-button');
        next.focus();
      },
    }, 'Remove'))));
  $('hints-empty').hidden = hints.dots.length > 0;
  $('hints-dots').replaceChildren(...hints.dots.map((d) => {
    const dot = el('span', { class: 'hint-dot', 'aria-hidden': 'true' });
    dot.style.left = (100 * (d.x + 0.5) / hints.width) + '%';
    dot.style.top = (100 * (d.y + 0.5) / hints.height) + '%';
    dot.style.backgroundColor = d.color;
    return dot;
  }));
  $('hints-recolor').disabled = hints.dots.length === 0;
}

async function recolor() {
  const mine = hints;
  $('hints-error').textContent = '';
  if (!mine.dots.length) {
    $('hints-error').textContent = 'Drop at least one hint on the page first.';
    return;
  }
  const body = mine.dots.map((d) => (d.name ? { x: d.x, y: d.y, name: d.name } : { x: d.x, y: d.y, color: d.color }));
  $('hints-recolor').disabled = true;
  try {
    const accepted = await json('/v1/chapters/' + mine.chapterId + '/pages/' + mine.page + '/recolor', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (hints !== mine) {
      return;
    }
    const state = $('hints-state');
    state.textContent = 'Revision ' + accepted.revision + ' ' + accepted.state + '...';
    state.setAttribute('data-state', accepted.state);
    try {
      await followRevision(mine, accepted.revision);
    } catch (e) {
      if (hints === mine) {
        $('hints-error').textContent = 'Revision ' + accepted.revision + ' was queued, but following it stopped: '
          + e.message + '. Open the hints again to see it.';
      }
    }
  } catch (e) {
    if (hints === mine) {
      $('hints-error').textContent = 'Recolor refused: ' + e.message;
    }
  } finally {
    if (hints === mine) {
      $('hints-recolor').disabled = mine.dots.length === 0;
    }
  }
}

/** Polls the chapter's status until the revision is done or failed, then shows it beside the previous one. */
async function followRevision(mine, revision) {
  mine.polling = true;
  const path = '/v1/chapters/' + mine.chapterId;
  while (hints === mine && mine.polling) {
    const status = await json(path);
    const page = (status.pages || []).find((p) => p.pageNumber === mine.page);
    const newer = page && page.revision !== undefined && page.revision > revision;
    if (page && (page.revision === revision || newer)) {
      const state = page.revision === revision ? page.revisionState : null;
      if (state === 'done' || newer) {
        const revs = await json(path + '/pages/' + mine.page + '/revisions');
        const mineRev = revs.find((r) => r.revision === revision);
        if (mineRev && mineRev.state === 'failed') {
          return showFailed(mine, revision, mineRev.error);
        }
        if (mineRev && mineRev.state === 'done') {
          return showRevision(mine, revision);
        }
      } else if (state === 'failed') {
        const revs = await json(path + '/pages/' + mine.page + '/revisions');
        const r = revs.find((x) => x.revision === revision);
        return showFailed(mine, revision, r && r.error);
      }
    }
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  return null;
}

function showFailed(mine, revision, error) {
  const state = $('hints-state');
  state.textContent = 'Revision ' + revision + ' failed.';
  state.setAttribute('data-state', 'failed');
  $('hints-error').textContent = 'Revision ' + revision + ' failed: ' + (error || 'no reason was given') + '.';
  mine.polling = false;
}

async function showRevision(mine, revision) {
  mine.polling = false;
  const base = '/v1/chapters/' + mine.chapterId + '/pages/' + mine.page + '/revisions/';
  const previous = mine.shown;
  const [before, after] = await Promise.all([blobUrl(base + previous), blobUrl(base + revision)]);
  if (hints !== mine) {
    URL.revokeObjectURL(before);
    URL.revokeObjectURL(after);
    return;
  }
  mine.urls.push(before, after);
  const b = $('hints-before');
  const a = $('hints-after');
  b.src = before;
  b.alt = 'Page ' + mine.page + ', revision ' + previous;
  b.setAttribute('data-revision', previous);
  a.src = after;
  a.alt = 'Page ' + mine.page + ', revision ' + revision;
  a.setAttribute('data-revision', revision);
  $('hints-before-caption').textContent = 'Revision ' + previous + (previous === 0 ? ' (upload)' : '');
  $('hints-after-caption').textContent = 'Revision ' + revision + ' (new)';
  $('hints-compare').hidden = false;
  mine.shown = revision;
  const state = $('hints-state');
  state.textContent = 'Revision ' + revision + ' done.';
  state.setAttribute('data-state', 'done');
}

document.addEventListener('DOMContentLoaded', () => {
  $('hints-image').addEventListener('click', clickOnPage);
  $('hints-image-button').addEventListener('click', () => {
    addDot(Number($('hints-x').value), Number($('hints-y').value));
  });
  $('hints-color').addEventListener('input', (e) => pick(e.target.value, null));
  $('hints-recolor').addEventListener('click', recolor);
  $('hints-close').addEventListener('click', () => {
    const page = hints && hints.page;
    closeHints();
    const back = page && $('hints-open-' + page);
    if (back) {
      back.focus();
    }
  });
  window.addEventListener('hashchange', closeHints);
});
