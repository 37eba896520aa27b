// The preview page's script. It listens for build events (server-sent events from
// /events), shows the diagnostics of the latest build, and re-draws the PDF (pdf.js) and the
// DOCX (docx-preview) when the outputs changed, keeping each pane's scroll position. A
// failed build leaves the pages as they were. Clicking an excerpt's text shows what it quotes.
import * as pdfjsLib from '/vendor/pdf.mjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/vendor/pdf.worker.mjs';

const $ = (id) => document.getElementById(id);
let state = null;
let shown = 0;
let drawing = null;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function showStatus(s) {
  const status = $('status');
  status.dataset.status = s.status;
  const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
  status.textContent =
    s.status === 'ok'
      ? `built in ${s.ms} ms`
      : s.status === 'failed'
        ? `broken save: ${errors} error${errors === 1 ? '' : 's'}${s.stale || shown ? ' — showing the last good pages' : ''}`
        : 'building…';
  $('brief').textContent = s.brief;
  document.body.dataset.build = String(s.build);
  document.body.dataset.status = s.status;
}

function showDiagnostics(s) {
  const list = $('diagnostic-list');
  list.replaceChildren(...s.diagnostics.map((d) => el('li', { class: d.severity, 'data-code': d.code, text: d.text })));
  $('diagnostics').hidden = s.diagnostics.length === 0;
}

async function drawPdf(bytes) {
  const pane = $('pdf');
  const keep = pane.scrollTop;
  const task = pdfjsLib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false });
  const doc = await task.promise;
  const width = Math.max(200, pane.clientWidth - 24);
  const dpr = window.devicePixelRatio || 1;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const scale = width / page.getViewport({ scale: 1 }).width;
    const viewport = page.getViewport({ scale });
    const box = el('div', { class: 'pdf-page', 'data-page': String(n) });
    box.style.width = `${Math.floor(viewport.width)}px`;
    box.style.height = `${Math.floor(viewport.height)}px`;
    box.style.setProperty('--scale-factor', String(scale));
    const canvas = el('canvas');
    canvas.width = Math.floor(viewport.width * dpr);
    canvas.height = Math.floor(viewport.height * dpr);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0] }).promise;
    const text = el('div', { class: 'textLayer' });
    box.append(canvas, text);
    await new pdfjsLib.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
    pages.push(box);
  }
  await task.destroy();
  pane.replaceChildren(...pages);
  pane.scrollTop = keep;
}

async function drawDocx(bytes) {
  const pane = $('docx');
  const keep = pane.scrollTop;
  const body = el('div', { class: 'docx-body' });
  const styles = el('div');
  await window.docx.renderAsync(bytes, body, styles, { inWrapper: true, breakPages: true, renderHeaders: true, renderFooters: true, renderFootnotes: true, experimental: true });
  pane.replaceChildren(styles, body);
  // Pages are drawn at their paper width; fit them to the pane.
  const page = body.querySelector('section.docx');
  if (page) body.style.zoom = String(Math.min(1, (pane.clientWidth - 24) / page.offsetWidth));
  pane.scrollTop = keep;
}

async function drawOutputs() {
  while (state && state.outputs > shown) {
    const version = state.outputs;
    const [pdf, docx] = await Promise.all(['pdf', 'docx'].map((f) => fetch(`/out/brief.${f}?v=${version}`).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${f}: ${r.status}`))))));
    await Promise.all([drawPdf(pdf), drawDocx(docx)]);
    shown = version;
    document.body.dataset.outputs = String(version);
  }
}

function apply(next) {
  state = next;
  showStatus(next);
  showDiagnostics(next);
  if (next.outputs > shown && !drawing) {
    drawing = drawOutputs()
      .catch((e) => {
        $('status').textContent = `could not draw the pages: ${e.message}`;
      })
      .finally(() => {
        drawing = null;
        if (state.outputs > shown) apply(state);
      });
  }
}

// ---- Clicking an excerpt -------------------------------------------------------------

const letters = (s) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');

/** The excerpt whose text (or citation line) holds the clicked text. */
function excerptFor(text) {
  const t = letters(text);
  if (!state || t.length < 2) return undefined;
  return (
    state.excerpts.find((ex) => letters(ex.paragraphs.join('')).includes(t)) ??
    // A citation line ends in its note's number in the DOCX: compare without it.
    state.excerpts.find((ex) => t.length >= 6 && letters(ex.citation).includes(t.replace(/\d+$/, '')))
  );
}

function showExcerpt(ex) {
  const details = $('excerpt-details');
  const quoted = ex.quoted.map((q) => `¶${q.n}: ${q.sentences.join(', ')}  (hash ${q.hash})`).join('\n');
  const where = `${ex.chosenBy.file}:${ex.chosenBy.line}:${ex.chosenBy.column}`;
  details.replaceChildren(
    el('dt', { text: 'Release' }),
    el('dd', { 'data-field': 'release', text: `${ex.release.id} — ${ex.release.title}${ex.release.date ? ` (${ex.release.date})` : ''}` }),
    el('dt', { text: 'Quotes' }),
    el('dd', { 'data-field': 'quoted' }, [el('pre', { text: quoted })]),
    el('dt', { text: 'Chosen by' }),
    el('dd', { 'data-field': 'chosen-by' }, [el('div', { text: where }), el('pre', { text: ex.chosenBy.lines.join('\n') })]),
  );
  $('excerpt-info').hidden = false;
}

function pick(target, text) {
  const ex = excerptFor(text);
  if (!ex) return;
  for (const old of document.querySelectorAll('.picked')) old.classList.remove('picked');
  target.classList.add('picked');
  showExcerpt(ex);
}

// pdf.js gives a text item per PDF text object: a run of words of one face and size (see
// render/pdf/glyph-runs.ts), which may be a whole line or a single footnote mark, so the
// clicked item alone can be too short to tell excerpts apart: look at it with its
// neighbours in reading order, widest first.
$('pdf').addEventListener('click', (e) => {
  const span = e.target.closest('.textLayer span');
  if (!span) return;
  const spans = [...span.closest('.textLayer').querySelectorAll('span')];
  const at = spans.indexOf(span);
  for (let k = 12; k >= 0; k--) {
    const text = spans.slice(Math.max(0, at - k), at + k + 1).map((s) => s.textContent).join('');
    if (excerptFor(text)) return pick(span, text);
  }
});
$('docx').addEventListener('click', (e) => {
  const p = e.target.closest('p');
  if (p) pick(p, p.textContent);
});
$('excerpt-close').addEventListener('click', () => {
  $('excerpt-info').hidden = true;
});

// ---- Live updates -----------------------------------------------------------------------

const events = new EventSource('/events');
events.addEventListener('state', (e) => apply(JSON.parse(e.data)));
