/// <reference lib="dom" />
// The script of the simulator's webviews (bundled for the browser as dist/webview/simulate.js).
// It draws the playground (sample lines in, per-line results and routes out) or an event trace
// from the data the extension posts. Every text goes in through textContent: nothing from a
// config, a log line or a record is ever parsed as HTML.
import type { LineResult, PlaygroundResult, RouteView } from '../../../language/simulate/playground/protocol';
import type { TraceRow } from '../../../language/simulate/view/trace-rows';
import type { FromWebview, PlaygroundState, ToWebview, TraceState } from './messages';

interface VsCodeApi {
  postMessage(m: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

type Child = Node | string | undefined | false;

function h(tag: string, props: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function post(m: FromWebview): void {
  vscode.postMessage(m);
}

function reportRendered(): void {
  post({ type: 'rendered', text: app.innerText });
}

function revealLink(label: string, place: TraceRow['location']): HTMLElement | string {
  if (!place) return label;
  const a = h('a', { href: '#', class: 'reveal', title: 'Show in the config' }, label);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    post({ type: 'reveal', place });
  });
  return a;
}

// ---- playground ------------------------------------------------------------------------------

let inputs: { lines: HTMLTextAreaElement; path: HTMLInputElement; tag: HTMLInputElement } | undefined;
let results: HTMLElement | undefined;
let heading: HTMLElement | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function sendInput(): void {
  if (!inputs) return;
  post({ type: 'input', lines: inputs.lines.value, path: inputs.path.value, tag: inputs.tag.value });
}

function buildPlayground(s: PlaygroundState): void {
  app.replaceChildren();
  heading = h('header', { class: 'target' });
  const lines = h('textarea', {
    id: 'lines',
    rows: '8',
    spellcheck: 'false',
    placeholder: 'Paste or type log lines here, one per line',
    'aria-label': 'Sample lines',
  }) as HTMLTextAreaElement;
  const path = h('input', { id: 'path', type: 'text', spellcheck: 'false', 'aria-label': 'File path (in_tail)' }) as HTMLInputElement;
  const tag = h('input', { id: 'tag', type: 'text', spellcheck: 'false', 'aria-label': 'Tag' }) as HTMLInputElement;
  lines.value = s.lines;
  path.value = s.path;
  tag.value = s.tag;
  for (const el of [lines, path, tag])
    el.addEventListener('input', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(sendInput, 120);
    });
  const fromFile = h('button', { type: 'button' }, 'From a file…');
  fromFile.addEventListener('click', () => post({ type: 'pickFile' }));
  const fromCw = h('button', { type: 'button' }, 'From CloudWatch…');
  fromCw.addEventListener('click', () => post({ type: 'pickCloudWatch' }));
  inputs = { lines, path, tag };
  results = h('section', { class: 'results' });
  app.append(
    heading,
    h(
      'section',
      { class: 'inputs' },
      lines,
      h('div', { class: 'row', id: 'path-row' }, h('label', { for: 'path' }, 'File'), path),
      h('div', { class: 'row', id: 'tag-row' }, h('label', { for: 'tag' }, 'Tag'), tag),
      h('div', { class: 'row buttons' }, fromFile, fromCw),
    ),
    results,
  );
}

function drawPlayground(s: PlaygroundState): void {
  if (!inputs || !results || !heading) buildPlayground(s);
  const t = s.target;
  heading!.replaceChildren(
    h('h1', {}, t ? revealLink(t.title, { uri: t.uri, range: t.range }) : 'Try log lines'),
    t
      ? h(
          'p',
          { class: 'muted' },
          t.mode === 'tail'
            ? `Lines are read by this in_tail source (parser ${t.parserType ?? '?'}), tagged ${t.tag ?? '?'}, and routed through the config.`
            : t.mode === 'events'
              ? 'Each line is a JSON record, emitted with the tag below where this source emits, and routed through the config.'
              : `Lines are parsed by this <parse> (@type ${t.parserType ?? '?'}).`,
        )
      : '',
  );
  document.getElementById('path-row')!.hidden = t?.mode !== 'tail';
  document.getElementById('tag-row')!.hidden = t?.mode !== 'events';
  if (t?.mode === 'tail' && !inputs!.path.value && t.path) inputs!.path.value = t.path;
  if (t?.mode === 'events' && !inputs!.tag.value && t.tag) inputs!.tag.value = t.tag;
  results!.replaceChildren(...resultNodes(s));
  reportRendered();
}

function resultNodes(s: PlaygroundState): Node[] {
  const out: Node[] = [];
  if (s.notice) out.push(h('p', { class: 'notice' }, s.notice));
  const r: PlaygroundResult | undefined = s.result;
  if (!r) {
    if (s.busy) out.push(h('p', { class: 'muted' }, 'Running…'));
    return out;
  }
  out.push(
    h(
      'p',
      { class: 'muted timing' },
      `${r.lines.length} line${r.lines.length === 1 ? '' : 's'} in ${r.elapsedMs.toFixed(1)} ms${s.roundTripMs !== undefined ? ` (${s.roundTripMs.toFixed(0)} ms with the round trip)` : ''}${s.busy ? ' · running…' : ''}`,
    ),
  );
  if (r.error) out.push(h('p', { class: 'error' }, r.error));
  for (const w of r.warnings) out.push(h('p', { class: 'warning' }, `⚠ ${w}`));
  if (r.lines.length) {
    out.push(h('h2', {}, 'Lines'));
    const list = h('ol', { class: 'lines' });
    for (const l of r.lines) list.append(lineNode(l));
    out.push(list);
  }
  if (r.route) out.push(...routeNodes(r.route));
  return out;
}

const KIND_TEXT: Record<LineResult['kind'], string> = {
  record: 'record',
  nomatch: 'pattern not matched',
  error: 'error',
  'not-simulated': 'not simulated',
  'bad-json': 'not JSON',
  skipped: 'not run',
};

function lineNode(l: LineResult): HTMLElement {
  const li = h('li', { class: `line ${l.kind}`, value: String(l.index + 1) });
  li.append(h('div', { class: 'text' }, h('code', {}, l.text)));
  const badge = h('span', { class: `badge ${l.kind}` }, KIND_TEXT[l.kind]);
  const meta = h('div', { class: 'meta' }, badge);
  if (l.time)
    meta.append(h('span', { class: 'time', title: l.timeParts ? `[${l.timeParts[0]}, ${l.timeParts[1]}]` : '' }, `time ${l.time}`));
  if (l.message && l.kind !== 'nomatch') meta.append(h('span', { class: 'message' }, l.message));
  li.append(meta);
  if (l.why) li.append(h('div', { class: 'why' }, l.why));
  for (const n of l.notes ?? []) li.append(h('div', { class: 'note' }, `⚠ ${n}`));
  if (l.record) li.append(h('pre', { class: 'record' }, l.record));
  return li;
}

function routeNodes(route: RouteView): Node[] {
  const out: Node[] = [h('h2', {}, 'Route')];
  if (route.stopped) out.push(h('p', { class: 'error' }, route.stopped));
  for (const n of route.notSimulated) out.push(h('p', { class: 'warning' }, `not simulated: ${n}`));
  for (const w of route.warnings) out.push(h('p', { class: 'muted' }, w));
  for (const p of route.pending) out.push(h('p', { class: 'muted' }, `held back: ${p}`));
  if (route.unmatched) out.push(h('p', { class: 'warning' }, `${route.unmatched} event(s) matched no <match> and are dropped.`));
  route.events.forEach((e, i) => {
    const block = h('details', { class: 'event', open: '' }, h('summary', {}, `Event ${i + 1}: `, h('code', {}, e.input)));
    block.append(rowsNode(e.rows));
    out.push(block);
  });
  return out;
}

function rowsNode(rows: readonly TraceRow[]): HTMLElement {
  const list = h('ol', { class: 'steps' });
  for (const r of rows) {
    const li = h('li', { class: `step ${r.kind}${r.outcome ? ` ${r.outcome}` : ''} depth-${Math.min(r.depth, 6)}` });
    li.append(h('div', { class: 'title' }, revealLink(r.title, r.location)));
    if (r.detail) li.append(h('div', { class: 'detail' }, r.detail));
    if (r.record) {
      const d = h(
        'details',
        { class: 'record' },
        h('summary', {}, r.kind === 'deliver' ? 'record as the output receives it' : 'record after this step'),
        h('pre', {}, r.record),
      );
      if (r.kind === 'deliver') d.setAttribute('open', '');
      li.append(d);
    }
    list.append(li);
  }
  return list;
}

// ---- trace -----------------------------------------------------------------------------------

function drawTrace(s: TraceState): void {
  inputs = undefined;
  results = undefined;
  heading = undefined;
  const r = s.result;
  const nodes: Child[] = [h('header', { class: 'target' }, h('h1', {}, s.title), h('p', { class: 'muted' }, s.subtitle))];
  if (r.error) nodes.push(h('p', { class: 'error' }, r.error));
  for (const n of r.notes) nodes.push(h('p', { class: 'muted' }, n));
  if (r.record) nodes.push(h('details', { class: 'record' }, h('summary', {}, 'the event as CloudWatch holds it'), h('pre', {}, r.record)));
  if (!r.error && !r.candidates.length) nodes.push(h('p', { class: 'warning' }, 'No source of this config produces such an event.'));
  r.candidates.forEach((c, i) => {
    const block = h(
      'details',
      { class: `candidate ${c.confirmed ? 'confirmed' : 'unconfirmed'}`, ...(i === 0 ? { open: '' } : {}) },
      h(
        'summary',
        {},
        h('span', { class: `badge ${c.confirmed ? 'record' : 'nomatch'}` }, c.confirmed ? 'produces this event' : 'candidate'),
        ' ',
        c.source.title,
      ),
    );
    block.append(
      h(
        'p',
        {},
        revealLink(`${c.source.title}`, { uri: c.source.uri, range: c.source.range }),
        ` — tag ${c.tag}`,
        c.path ? `, file ${c.path}` : '',
      ),
      h('p', { class: c.confirmed ? 'muted' : 'warning' }, c.verdict),
      rowsNode(c.rows),
    );
    nodes.push(block);
  });
  nodes.push(h('p', { class: 'muted timing' }, `traced in ${r.elapsedMs.toFixed(1)} ms`));
  app.replaceChildren(...nodes.filter((n): n is Node | string => n !== undefined && n !== false));
  reportRendered();
}

// ---- messages --------------------------------------------------------------------------------

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const m = e.data;
  if (m.type === 'playground') drawPlayground(m);
  else if (m.type === 'trace') drawTrace(m);
  else if (m.type === 'setLines' && inputs) {
    inputs.lines.value = m.lines;
    sendInput();
  }
});

// the extension holds the state and (re)draws on ready: a panel moved or restored starts afresh
post({ type: 'ready' });
