// Colorize admin console: plain JavaScript (ES modules), no dependencies; charts drawn here on <canvas> and SVG.
// The admin key lives in sessionStorage only and goes to the trainer as "Authorization: Bearer", never in a URL.
// Images (sample sheets, dataset pairs) are fetched with the header and shown through blob: URLs. The page around
// the views (header, nav, sign-in) and the router are common-rest's shell.js and router.js.
import { $, badge, call, clear, el, fail, json, when } from './console-base.js';
import { onLeave } from './router.js';
import { startConsole } from './shell.js';

const RUN_FINAL = new Set(['succeeded', 'failed', 'cancelled']);
const COLORS = { d: '#0b5cad', gan: '#d9480f', l1: '#2b8a3e', model: '#0b5cad', prod: '#2b8a3e', sketch: '#adb5bd', mean: '#e8a33d' };

// Network presets: the shapes NetworkSpec knows (TinyModels' test spec, paperShape at CPU sizes, the paper's own).
const PRESETS = {
  tiny: { inputChannels: 1, outputChannels: 3, baseWidth: 8, levels: 5, imageSize: 64, dropoutDecoderLayers: [0, 1],
    normalization: 'BATCH', discriminatorLayers: 3 },
  small: { inputChannels: 1, outputChannels: 3, baseWidth: 32, levels: 7, imageSize: 128, dropoutDecoderLayers: [0, 1, 2],
    normalization: 'BATCH', discriminatorLayers: 3 },
  hinted: { inputChannels: 5, outputChannels: 3, baseWidth: 32, levels: 7, imageSize: 128, dropoutDecoderLayers: [0, 1, 2],
    normalization: 'BATCH', discriminatorLayers: 3 },
  paper: { inputChannels: 1, outputChannels: 3, baseWidth: 64, levels: 8, imageSize: 256, dropoutDecoderLayers: [0, 1, 2],
    normalization: 'BATCH', discriminatorLayers: 3 },
};

// The shipped model's run: models/reproduce-default.sh's train-colorizer flags as a version 2 run request.
const SHIPPED = { schemaVersion: 2, hints: true, imageSize: 128, baseWidth: 32, levels: 7, steps: 5000, decaySteps: 1500,
  untilStep: 5000, batchSize: 8, seed: 1 };

// ---- API -----------------------------------------------------------------------------------------------------

function send(path, body, method = 'POST') {
  return json(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function blobUrl(path, options) {
  const res = await call(path, options);
  return URL.createObjectURL(await res.blob());
}

// ---- DOM helpers ------------------------------------------------------------------------------------------------

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}

function num(x, digits = 4) {
  return x === null || x === undefined ? '-' : Number(x).toFixed(digits);
}

function duration(ms) {
  if (ms === null || ms === undefined || !isFinite(ms)) {
    return '-';
  }
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) {
    return s + ' s';
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return m + ' min ' + (s % 60) + ' s';
  }
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

// ---- datasets ---------------------------------------------------------------------------------------------------

let pairUrls = [];

async function loadDatasets() {
  clear('datasets-error');
  try {
    const datasets = await json('/v1/admin/datasets');
    $('datasets-table').querySelector('tbody').replaceChildren(...datasets.map((d) => el('tr', { 'data-dataset': d.name },
      el('td', { text: d.name }),
      el('td', { class: 'num', text: d.trainingImages }),
      el('td', { class: 'num', text: d.validationImages }),
      el('td', { class: 'num', text: Math.round(d.validationFraction * 100) + ' %' }),
      el('td', { text: when(d.createdAt) }),
      el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': 'Show validation pairs of ' + d.name,
        onclick: () => showPairs(d.name) }, 'Validation pairs')))));
    $('datasets-empty').hidden = datasets.length > 0;
  } catch (e) {
    fail('datasets-error', e);
  }
}

async function showPairs(name) {
  clear('pairs-error');
  pairUrls.forEach((u) => URL.revokeObjectURL(u));
  pairUrls = [];
  $('pairs').hidden = false;
  $('pairs-title').textContent = 'Validation pairs of ' + name;
  const strip = $('pairs-strip');
  strip.replaceChildren();
  try {
    const images = await json('/v1/admin/datasets/' + encodeURIComponent(name) + '/images?split=validation&limit=12');
    if (!images.length) {
      strip.append(el('p', { class: 'note', text: 'This dataset has no validation images yet.' }));
      return;
    }
    for (const image of images) {
      const base = '/v1/admin/datasets/' + encodeURIComponent(name) + '/images/' + image.sha256;
      const [sketch, color] = await Promise.all([blobUrl(base + '?view=sketch'), blobUrl(base)]);
      pairUrls.push(sketch, color);
      const label = image.sourceName || image.sha256.slice(0, 12);
      strip.append(el('figure', { class: 'pair', 'data-pair': image.sha256 },
        el('img', { src: sketch, alt: 'Line art of ' + label }), el('img', { src: color, alt: label + ' in color' })));
    }
  } catch (e) {
    fail('pairs-error', e);
  }
}

// ---- runs -------------------------------------------------------------------------------------------------------

async function loadRuns() {
  clear('runs-error', 'run-error');
  try {
    const [datasets, runs] = await Promise.all([json('/v1/admin/datasets'), json('/v1/admin/runs?limit=50')]);
    const select = $('run-dataset');
    const chosen = select.value;
    select.replaceChildren(...datasets.map((d) => el('option', { value: d.name },
      d.name + ' (' + d.trainingImages + ' + ' + d.validationImages + ' images)')));
    if (chosen && datasets.some((d) => d.name === chosen)) {
      select.value = chosen;
    }
    $('runs-table').querySelector('tbody').replaceChildren(...runs.map((r) => el('tr', { 'data-run': r.id },
      el('td', {}, el('a', { href: '#/runs/' + r.id }, r.id.slice(0, 8))),
      el('td', { text: r.dataset }),
      el('td', {}, badge(r.state)),
      el('td', { class: 'num', text: r.step + (r.totalSteps ? ' / ' + r.totalSteps : '') }),
      el('td', { text: when(r.createdAt) }),
      el('td', { text: r.modelVersion ? 'v' + r.modelVersion : '' }))));
    $('runs-empty').hidden = runs.length > 0;
  } catch (e) {
    fail('runs-error', e);
  }
}

async function startRun(event) {
  event.preventDefault();
  clear('run-error');
  const body = { dataset: $('run-dataset').value };
  if (!body.dataset) {
    $('run-error').textContent = 'Choose a dataset (create one first).';
    return;
  }
  const steps = $('run-steps').value.trim();
  const minutes = $('run-minutes').value.trim();
  const checkpoint = $('run-checkpoint').value.trim();
  if (steps) {
    body.steps = Number(steps);
  }
  if (minutes) {
    body.timeBudgetSeconds = Math.round(Number(minutes) * 60);
  }
  if (checkpoint) {
    body.checkpointEvery = Number(checkpoint);
  }
  const lr = $('run-lr').value.trim();
  if (lr) {
    if (!(Number(lr) > 0)) {
      $('run-error').textContent = 'The learning rate is a positive number, e.g. 0.0002.';
      $('run-lr').focus();
      return;
    }
    body.learningRate = Number(lr);
  }
  const seed = $('run-seed').value.trim();
  if (seed) {
    body.seed = Number(seed);
  }
  // batch, decay and stop step are settings of version 2 of the request
  [['run-batch', 'batchSize'], ['run-decay', 'decaySteps'], ['run-until', 'untilStep']].forEach(([id, field]) => {
    const value = $(id).value.trim();
    if (value) {
      body[field] = Number(value);
      body.schemaVersion = 2;
    }
  });
  const preset = $('run-preset').value;
  if (preset === 'shipped') {
    Object.entries(SHIPPED).forEach(([field, value]) => {
      if (!(field in body)) {
        body[field] = value;
      }
    });
  }
  if ($('run-finetune').checked) {
    body.fineTune = true;
    if (preset === 'shipped') {
      // production's network, whatever the preset: only the schedule is the shipped model's
      ['hints', 'imageSize', 'baseWidth', 'levels'].forEach((field) => delete body[field]);
    }
  } else if (PRESETS[preset]) {
    body.spec = PRESETS[preset];
  }
  $('run-start').disabled = true;
  try {
    const run = await send('/v1/admin/runs', body);
    location.hash = '#/runs/' + run.id;
  } catch (e) {
    fail('run-error', e);
  } finally {
    $('run-start').disabled = false;
  }
}

// ---- one run, live ----------------------------------------------------------------------------------------------

let watching = null;

function openRun(id) {
  const mine = { id, progress: [], samples: [], sheetUrl: null, stopped: false, timer: null, shownStep: null };
  watching = mine;
  onLeave(() => {
    mine.stopped = true;
    clearTimeout(mine.timer);
    if (mine.sheetUrl) {
      URL.revokeObjectURL(mine.sheetUrl);
    }
    watching = null;
  });
  $('run-title').textContent = 'Run ' + id.slice(0, 8);
  $('run-state').className = 'badge';
  $('run-state').textContent = '-';
  ['stat-step', 'stat-step-time', 'stat-eta', 'stat-elapsed', 'stat-attempts', 'stat-model'].forEach((s) => { $(s).textContent = '-'; });
  $('sample-step').replaceChildren(el('option', { text: 'none yet' }));
  $('sample-step').disabled = true;
  $('sample-sheet').hidden = true;
  clear('run-detail-error', 'sample-error', 'run-live', 'run-summary');
  drawLosses(mine);
  poll(mine);
}

async function poll(mine) {
  if (mine.stopped) {
    return;
  }
  let run = null;
  try {
    run = await json('/v1/admin/runs/' + mine.id);
    const from = mine.progress.length ? mine.progress[mine.progress.length - 1].step + 1 : 0;
    const rows = await json('/v1/admin/runs/' + mine.id + '/progress?fromStep=' + from + '&limit=10000');
    if (mine.stopped) {
      return;
    }
    rows.forEach((r) => {
      if (!mine.progress.length || r.step > mine.progress[mine.progress.length - 1].step) {
        mine.progress.push(r);
      }
    });
    const samples = await json('/v1/admin/runs/' + mine.id + '/samples');
    if (mine.stopped) {
      return;
    }
    renderRun(mine, run);
    drawLosses(mine);
    await renderSamples(mine, samples);
    clear('run-detail-error');
  } catch (e) {
    fail('run-detail-error', e);
  }
  if (run && RUN_FINAL.has(run.state)) {
    const bad = mine.progress.find((r) => !isFinite(r.generatorL1Loss) || !isFinite(r.discriminatorLoss));
    $('run-live').textContent = (bad ? 'Diverged: the losses are not numbers (NaN) since step ' + bad.step + '. ' : '')
      + (run.state === 'succeeded' ? 'Finished: registered as version ' + run.modelVersion + '.'
        : 'Ended ' + run.state + (run.error ? ': ' + run.error : '.'));
    return;
  }
  const diverged = mine.progress.find((r) => !isFinite(r.discriminatorLoss) || !isFinite(r.generatorGanLoss)
    || !isFinite(r.generatorL1Loss));
  $('run-live').textContent = 'Live: refreshed every second.'
    + (diverged ? ' Warning: the losses are not numbers (NaN) since step ' + diverged.step + ': the run diverged.' : '');
  mine.timer = setTimeout(() => poll(mine), 1000);
}

function renderRun(mine, run) {
  const state = $('run-state');
  state.className = 'badge ' + run.state;
  state.textContent = run.state;
  state.setAttribute('data-state', run.state);
  const settings = run.settings;
  const total = run.totalSteps || (settings && settings.untilStep) || null;
  $('run-summary').textContent = 'Dataset ' + run.dataset + (settings ? ', ' + settings.spec.imageSize + ' px, width '
    + settings.spec.baseWidth + ', ' + settings.spec.levels + ' levels' + (settings.spec.inputChannels > 1 ? ' with hints' : '')
    + ', batch ' + settings.batchSize + ', ' + settings.steps + ' steps decaying over the last ' + settings.decaySteps
    + (settings.untilStep < settings.steps ? ', stopping at ' + settings.untilStep : '') + ', seed ' + settings.seed : '')
    + (settings && settings.fineTune ? ', fine-tuning v' + run.parentVersion : '') + ', requested by ' + run.requestedBy;
  $('stat-step').textContent = run.step + (total ? ' / ' + total : '');
  $('run-progress').max = total || 1;
  $('run-progress').value = run.step;
  const recent = mine.progress.slice(-20);
  const stepMs = recent.length ? recent.reduce((s, r) => s + r.stepMillis, 0) / recent.length : null;
  $('stat-step-time').textContent = stepMs === null ? '-' : Math.round(stepMs) + ' ms';
  let eta = null;
  if (run.state === 'running' && stepMs !== null && total) {
    eta = (total - run.step) * stepMs;
    const budget = settings && settings.timeBudgetSeconds;
    if (budget) {
      const spent = mine.progress.reduce((s, r) => s + r.stepMillis, 0);
      eta = Math.min(eta, Math.max(0, budget * 1000 - spent));
    }
  }
  $('stat-eta').textContent = run.state === 'running' ? duration(eta) : (RUN_FINAL.has(run.state) ? 'done' : '-');
  const start = run.startedAt ? new Date(run.startedAt).getTime() : null;
  const end = run.finishedAt ? new Date(run.finishedAt).getTime() : Date.now();
  $('stat-elapsed').textContent = start ? duration(end - start) : '-';
  $('stat-attempts').textContent = run.attempts + (run.resumedFromStep ? ' (resumed from ' + run.resumedFromStep + ')' : '');
  $('stat-model').replaceChildren(run.modelVersion ? el('a', { href: '#/models' }, 'v' + run.modelVersion) : '-');
}

async function renderSamples(mine, samples) {
  const select = $('sample-step');
  if (samples.length !== mine.samples.length) {
    const follow = mine.shownStep === null || mine.shownStep === (mine.samples.length ? mine.samples[mine.samples.length - 1].step : null);
    mine.samples = samples;
    select.replaceChildren(...samples.map((s) => el('option', { value: s.step }, 'step ' + s.step)));
    select.disabled = samples.length === 0;
    if (samples.length && follow) {
      select.value = String(samples[samples.length - 1].step);
      await showSample(mine, samples[samples.length - 1].step);
    } else if (mine.shownStep !== null) {
      select.value = String(mine.shownStep);
    }
  }
}

async function showSample(mine, step) {
  clear('sample-error');
  const sample = mine.samples.find((s) => s.step === Number(step));
  if (!sample) {
    return;
  }
  try {
    const url = await blobUrl(sample.href);
    if (mine.sheetUrl) {
      URL.revokeObjectURL(mine.sheetUrl);
    }
    mine.sheetUrl = url;
    mine.shownStep = sample.step;
    const img = $('sample-sheet');
    img.src = url;
    img.alt = 'Sample sheet at step ' + sample.step + ': rows of sketch, output and truth';
    img.setAttribute('data-step', sample.step);
    img.hidden = false;
  } catch (e) {
    fail('sample-error', e);
  }
}

/** The loss curves on two canvases: D and G GAN together, G L1 alone (its scale differs). */
function drawLosses(mine) {
  const rows = mine.progress;
  lineChart($('loss-gan'), rows, [['discriminatorLoss', 'D', COLORS.d], ['generatorGanLoss', 'G GAN', COLORS.gan]]);
  lineChart($('loss-l1'), rows, [['generatorL1Loss', 'G L1', COLORS.l1]]);
  const last = rows[rows.length - 1];
  const label = rows.length ? 'Loss curves over ' + rows.length + ' steps; at step ' + last.step + ': D '
    + num(last.discriminatorLoss, 3) + ', G GAN ' + num(last.generatorGanLoss, 3) + ', G L1 ' + num(last.generatorL1Loss, 3)
    : 'No losses yet';
  $('loss-gan').setAttribute('aria-label', label);
  $('loss-l1').setAttribute('aria-label', label);
  $('loss-gan').setAttribute('data-points', rows.length);
  $('loss-l1').setAttribute('data-points', rows.length);
}

function lineChart(canvas, rows, series) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const pad = { left: 58, right: 14, top: 12, bottom: 28 };
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#5b6270';
  if (!rows.length) {
    ctx.fillText('No steps recorded yet', pad.left, h / 2);
    return;
  }
  const values = rows.flatMap((r) => series.map(([field]) => r[field])).filter((v) => isFinite(v));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    hi += 0.5;
    lo -= 0.5;
  }
  const margin = (hi - lo) * 0.05;
  lo -= margin;
  hi += margin;
  const firstStep = rows[0].step;
  const lastStep = Math.max(rows[rows.length - 1].step, firstStep + 1);
  const x = (step) => pad.left + ((step - firstStep) / (lastStep - firstStep)) * (w - pad.left - pad.right);
  const y = (v) => pad.top + (1 - (v - lo) / (hi - lo)) * (h - pad.top - pad.bottom);
  ctx.strokeStyle = '#e6e9ef';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    ctx.beginPath();
    ctx.moveTo(pad.left, y(v));
    ctx.lineTo(w - pad.right, y(v));
    ctx.stroke();
    ctx.fillText(v.toFixed(v < 10 ? 3 : 1), pad.left - 6, y(v) + 4);
  }
  ctx.textAlign = 'center';
  for (let i = 0; i <= 5; i++) {
    const s = Math.round(firstStep + ((lastStep - firstStep) * i) / 5);
    ctx.fillText(String(s), x(s), h - 8);
  }
  series.forEach(([field, name, color]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    rows.forEach((r, i) => {
      if (i === 0) {
        ctx.moveTo(x(r.step), y(r[field]));
      } else {
        ctx.lineTo(x(r.step), y(r[field]));
      }
    });
    ctx.stroke();
    if (rows.length === 1) {
      ctx.fillStyle = color;
      ctx.fillRect(x(rows[0].step) - 2, y(rows[0][field]) - 2, 4, 4);
    }
  });
}

// ---- models -----------------------------------------------------------------------------------------------------

let registryState = null;

async function loadModels() {
  clear('models-error', 'audit-error');
  try {
    const registry = await json('/v1/admin/models');
    registryState = registry;
    $('production-version').textContent = registry.productionVersion ? 'v' + registry.productionVersion : 'none';
    $('canary-version').textContent = registry.canaryVersion ? 'v' + registry.canaryVersion : 'none';
    const select = $('promote-version');
    const chosen = select.value;
    select.replaceChildren(...registry.versions.map((r) => el('option', { value: r.version.version },
      'v' + r.version.version + (r.aliases.length ? ' (' + r.aliases.join(', ') + ')' : '')
      + (r.metrics ? ', L1 ' + num(r.metrics.l1) : ', not evaluated'))));
    if (chosen && registry.versions.some((r) => String(r.version.version) === chosen)) {
      select.value = chosen;
    }
    $('models-table').querySelector('tbody').replaceChildren(...registry.versions.map(versionRow));
    $('models-empty').hidden = registry.versions.length > 0;
    drawBars(registry.versions.slice(0, 12).reverse());
  } catch (e) {
    fail('models-error', e);
  }
  loadAudit();
}

function versionRow(r) {
  const v = r.version;
  const m = r.metrics;
  const base = v.metrics || {};
  const delta = r.l1VersusProduction;
  return el('tr', { 'data-version': v.version },
    el('th', { scope: 'row', text: 'v' + v.version }),
    el('td', {}, r.aliases.map((a) => el('span', { class: 'badge ' + a, text: a }))),
    el('td', { text: v.dataset || '' }),
    el('td', { class: 'num', text: m ? num(m.l1) : '-' }),
    el('td', { class: 'num', text: m ? num(m.psnr, 2) : '-' }),
    el('td', { class: 'num', text: m ? num(m.ssim, 3) : '-' }),
    el('td', { class: 'num', text: m ? num(m.colorfulness, 1) : '-' }),
    el('td', { class: 'num', text: delta === null || delta === undefined ? '-' : (delta > 0 ? '+' : '') + num(delta) }),
    el('td', { class: 'num', text: base.sketchBaseline ? num(base.sketchBaseline.l1) : '-' }),
    el('td', { class: 'num', text: base.meanColorBaseline ? num(base.meanColorBaseline.l1) : '-' }),
    el('td', { text: when(v.createdAt) }));
}

/** Grouped bars of L1 per version: the version, production on the same images, the two baselines. */
function drawBars(rows) {
  const holder = $('models-chart');
  const groups = rows.filter((r) => r.metrics);
  if (!groups.length) {
    holder.replaceChildren(el('p', { class: 'note', text: 'No evaluated version to chart yet.' }));
    return;
  }
  const bars = (r) => [
    ['model', r.metrics.l1, 'v' + r.version.version],
    ['prod', r.productionL1, 'production'],
    ['sketch', r.version.metrics.sketchBaseline ? r.version.metrics.sketchBaseline.l1 : null, 'sketch baseline'],
    ['mean', r.version.metrics.meanColorBaseline ? r.version.metrics.meanColorBaseline.l1 : null, 'mean-color baseline'],
  ];
  const max = Math.max(...groups.flatMap((r) => bars(r).map((b) => b[1] || 0)), 1e-6);
  const w = 1160;
  const h = 220;
  const left = 50;
  const bottom = 30;
  const top = 10;
  const groupW = (w - left - 10) / groups.length;
  const barW = Math.min(26, (groupW - 12) / 4);
  const y = (v) => top + (1 - v / max) * (h - top - bottom);
  const chart = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, class: 'bars', role: 'img',
    'aria-label': 'Validation L1 per version, lower is better: ' + groups.map((r) => 'v' + r.version.version + ' '
      + num(r.metrics.l1)).join(', ') });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    chart.append(svg('line', { x1: left, x2: w - 10, y1: y(v), y2: y(v), stroke: '#e6e9ef' }));
    chart.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#5b6270' }, v.toFixed(3)));
  }
  groups.forEach((r, g) => {
    const x0 = left + g * groupW + (groupW - 4 * barW) / 2;
    bars(r).forEach(([kind, value, name], i) => {
      if (value === null || value === undefined) {
        return;
      }
      const rect = svg('rect', { x: x0 + i * barW, y: y(value), width: barW - 2, height: Math.max(1, y(0) - y(value)),
        fill: COLORS[kind], 'data-kind': kind, 'data-version': r.version.version });
      rect.append(svg('title', {}, name + ' L1 ' + num(value) + ' (v' + r.version.version + ')'));
      chart.append(rect);
    });
    chart.append(svg('text', { x: left + g * groupW + groupW / 2, y: h - 10, 'text-anchor': 'middle', 'font-size': 13,
      fill: '#1d2129' }, 'v' + r.version.version + (r.aliases.length ? ' (' + r.aliases.join(', ') + ')' : '')));
  });
  holder.replaceChildren(chart);
}

async function loadAudit() {
  try {
    const [production, canary] = await Promise.all([json('/v1/admin/aliases/production/audit'),
      json('/v1/admin/aliases/canary/audit')]);
    const all = production.concat(canary).sort((a, b) => (b.changedAt || '').localeCompare(a.changedAt || '') || b.id - a.id);
    $('audit-table').querySelector('tbody').replaceChildren(...all.slice(0, 100).map((c) => el('tr', { 'data-audit': c.id },
      el('td', { text: when(c.changedAt) }),
      el('td', {}, el('span', { class: 'badge ' + c.alias, text: c.alias })),
      el('td', { text: c.action }),
      el('td', { class: 'num', text: c.fromVersion ? 'v' + c.fromVersion : '-' }),
      el('td', { class: 'num', text: 'v' + c.toVersion }),
      el('td', { text: c.actor }),
      el('td', { text: c.reason || '' }),
      el('td', { text: c.forced ? 'forced' : '' }))));
  } catch (e) {
    fail('audit-error', e);
  }
}

async function promote(event) {
  event.preventDefault();
  clear('promote-error', 'promote-result', 'rollback-result');
  const version = Number($('promote-version').value);
  const alias = $('promote-alias').value;
  const reason = $('promote-reason').value.trim();
  const force = $('promote-force').checked;
  if (!version) {
    $('promote-error').textContent = 'Choose a version.';
    return;
  }
  if (force && !reason) {
    $('promote-error').textContent = 'Forcing past the quality gate needs a reason.';
    $('promote-reason').focus();
    return;
  }
  $('promote-button').disabled = true;
  try {
    const change = await send('/v1/admin/aliases/' + alias, { version, reason: reason || null, force: force || null });
    $('promote-result').textContent = alias + ' is now v' + change.toVersion
      + (change.fromVersion ? ' (was v' + change.fromVersion + ')' : '') + (change.forced ? ', forced past the quality gate' : '') + '.';
    $('promote-force').checked = false;
    $('promote-reason').value = '';
    await loadModels();
  } catch (e) {
    if (e.problem && (e.problem.type || '').endsWith('/quality-gate')) {
      gateRefusal(e, version);
    } else {
      fail('promote-error', e);
    }
  } finally {
    $('promote-button').disabled = false;
  }
}

/** The gate's refusal: its own words and the numbers it compared. */
function gateRefusal(error, version) {
  const row = registryState && registryState.versions.find((r) => r.version.version === version);
  const numbers = el('dl', {});
  if (row && row.metrics) {
    numbers.append(el('div', {}, el('dt', { text: 'v' + version + ' L1' }), el('dd', { text: num(row.metrics.l1) })));
  }
  if (row && row.productionL1 !== null && row.productionL1 !== undefined) {
    numbers.append(el('div', {}, el('dt', { text: 'production L1' }), el('dd', { text: num(row.productionL1) })));
    numbers.append(el('div', {}, el('dt', { text: 'difference' }), el('dd', { text: '+' + num(row.l1VersusProduction) })));
  }
  $('promote-error').replaceChildren(el('div', { class: 'gate', id: 'gate-refusal' },
    el('div', { text: 'The quality gate refused: ' + (error.problem.detail || error.message) }), numbers));
}

async function rollback(alias) {
  clear('rollback-error', 'rollback-result', 'promote-result');
  const reason = $('rollback-reason').value.trim();
  try {
    const change = await send('/v1/admin/aliases/' + alias + '/rollback', { reason: reason || null });
    $('rollback-result').textContent = alias + ' rolled back to v' + change.toVersion + ' (was v' + change.fromVersion + ').';
    $('rollback-reason').value = '';
    await loadModels();
  } catch (e) {
    fail('rollback-error', e);
  }
}

// ---- wiring -----------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('run-form').addEventListener('submit', startRun);
  $('sample-step').addEventListener('change', (e) => {
    if (watching) {
      showSample(watching, e.target.value);
    }
  });
  $('promote-form').addEventListener('submit', promote);
  $('rollback-production').addEventListener('click', () => rollback('production'));
  $('rollback-canary').addEventListener('click', () => rollback('canary'));
  startConsole({
    name: 'admin console',
    nav: [{ view: 'datasets', label: 'Datasets' }, { view: 'runs', label: 'Runs' }, { view: 'models', label: 'Models' }],
    keyLabel: 'Admin API key',
    keyNote: "An admin key (api_keys, admin) or the trainer's bootstrap key. It stays in this browser tab (session "
      + 'storage) and goes to the trainer only as an Authorization header.',
    keyItem: 'colorize.admin.key',
    service: 'The trainer',
    keyAdvice: { 401: '. Check the key.', 403: '. Sign in with an admin key.' },
    signOutOn: [401, 403],
    signInProbe: '/v1/admin/datasets',
    emptyKey: 'Type the admin key.',
    home: '#/runs',
    routes: [
      { hash: '#/runs', view: 'runs', open: () => loadRuns() },
      { hash: /^#\/runs\/([0-9a-f-]{36})$/, view: 'run', open: (m) => openRun(m[1]) },
      { hash: '#/datasets', view: 'datasets', open: () => loadDatasets() },
      { hash: '#/models', view: 'models', open: () => loadModels() },
    ],
    navParent: { run: 'runs' },
  });
});
