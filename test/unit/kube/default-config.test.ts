// The bundled default fluent.conf: every plugin, parameter and section it uses exists in the
// shared plugin catalogue (read from the plugins' own definitions) with a value of the right
// type, it carries the pipeline the issue asks for, and the language service finds nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { renderManifests } from '../../../src/kube/render';
import { withDefaults } from '../../../src/kube/settings';
import { loadTemplates } from '../../../src/kube/templates';
import { parse } from '../../../src/language/parser';
import type { ElementNode, ParamNode } from '../../../src/language/parser/ast';
import { FluentdLanguageService } from '../../../src/language/service';

interface CatalogParam {
  name: string;
  type: string;
  list?: string[];
  alias?: string;
  deprecated?: string;
  obsoleted?: string;
}
interface CatalogSection {
  params?: CatalogParam[];
  sections?: Record<string, CatalogSection>;
  raw_elements?: Record<string, unknown>;
}
const catalog = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'fluentd', 'catalog.json'), 'utf8')) as {
  plugins: Record<string, CatalogSection>;
};
const RESERVED = new Set(['@type', '@id', '@label', '@log_level']);
const text = loadTemplates().defaultConfig;

const paramsOf = (el: ElementNode) => el.children.filter((c): c is ParamNode => c.kind === 'param');
const elementsOf = (el: { children: ElementNode['children'] }) => el.children.filter((c): c is ElementNode => c.kind === 'element');
const value = (el: ElementNode, key: string) => paramsOf(el).find((p) => p.key === key)?.value?.text;

/** Problems with a value against its declared type (the silent coercions SYNTAX.md lists included). */
function typeProblem(p: CatalogParam, v: string): string | undefined {
  switch (p.type) {
    case 'bool':
      return ['true', 'false', 'yes', 'no', ''].includes(v) ? undefined : 'not a bool';
    case 'integer':
      return /^-?\d+$/.test(v) ? undefined : 'not an integer';
    case 'float':
      return /^-?\d+(\.\d+)?$/.test(v) ? undefined : 'not a float';
    case 'time':
      return /^\d+[smhd]?$/.test(v) || /^\d+\.\d+$/.test(v) ? undefined : 'not a time (N, Ns, Nm, Nh, Nd)';
    case 'size':
      return /^\d+[kmgtKMGT]?$/.test(v) ? undefined : 'not a size (N, Nk, Nm, Ng, Nt)';
    case 'enum':
      return p.list?.includes(v) ? undefined : `not one of ${p.list?.join(', ')}`;
    case 'array':
      if (v.startsWith('[')) {
        try {
          JSON.parse(v);
        } catch {
          return 'invalid JSON array';
        }
      }
      return undefined;
    default:
      return undefined;
  }
}

function checkParams(where: string, el: ElementNode, allowed: CatalogParam[], problems: string[], extra: string[] = []) {
  for (const p of paramsOf(el)) {
    const decl = allowed.find((a) => a.name === p.key || a.alias === p.key);
    if (!decl) {
      if (!RESERVED.has(p.key) && !extra.includes(p.key)) problems.push(`${where}: unknown parameter ${p.key}`);
      continue;
    }
    if (decl.deprecated || decl.obsoleted) problems.push(`${where}: ${p.key} is deprecated/obsoleted`);
    const v = p.value?.text ?? '';
    if (v.includes('#{')) continue; // evaluated by Fluentd at start-up
    const t = typeProblem(decl, v);
    if (t) problems.push(`${where}: ${p.key} ${JSON.stringify(v)} is ${t}`);
  }
}

function checkPlugin(kind: string, el: ElementNode, problems: string[]) {
  const type = value(el, '@type');
  const where = `<${el.name} ${el.arg}> line ${el.range.start.line + 1}`;
  const plugin = type ? catalog.plugins[`${kind}/${type}`] : undefined;
  if (!plugin) return void problems.push(`${where}: no ${kind} plugin ${type}`);
  checkParams(where, el, plugin.params ?? [], problems);
  for (const child of elementsOf(el)) {
    const cw = `${where} <${child.name}>`;
    const section = plugin.sections?.[child.name];
    if (section) {
      const sub: Record<string, string> = { buffer: 'buffer', parse: 'parser', storage: 'storage', format: 'formatter' };
      const childType = value(child, '@type');
      const subPlugin = sub[child.name] && childType ? catalog.plugins[`${sub[child.name]}/${childType}`] : undefined;
      if (sub[child.name] && childType && !subPlugin) problems.push(`${cw}: no ${sub[child.name]} plugin ${childType}`);
      checkParams(cw, child, [...(section.params ?? []), ...(subPlugin?.params ?? [])], problems);
      for (const grand of elementsOf(child)) {
        const raw = subPlugin?.raw_elements?.[grand.name];
        if (!raw) {
          problems.push(`${cw}: unknown section <${grand.name}>`);
          continue;
        }
        // multi_format <pattern>: `format` names a parser whose parameters follow.
        const format = value(grand, 'format');
        const parser = format ? catalog.plugins[`parser/${format}`] : undefined;
        if (!parser) problems.push(`${cw} <${grand.name}>: no parser ${format}`);
        else checkParams(`${cw} <${grand.name}>`, grand, parser.params ?? [], problems, ['format']);
      }
    } else if (!plugin.raw_elements?.[child.name]) problems.push(`${cw}: unknown section`);
  }
}

describe('kube default fluent.conf', () => {
  const { document, diagnostics } = parse(text);

  it('parses without syntax diagnostics', () => {
    assert.deepEqual(diagnostics, []);
  });

  it('uses only catalogued plugins, parameters and sections, with well-typed values', () => {
    const problems: string[] = [];
    const kinds: Record<string, string> = { source: 'input', match: 'output', filter: 'filter' };
    const roots = document.children.filter((c): c is ElementNode => c.kind === 'element');
    assert.ok(roots.length >= 8);
    for (const el of roots) {
      if (kinds[el.name]) checkPlugin(kinds[el.name], el, problems);
      else problems.push(`unexpected root element <${el.name}>`);
    }
    assert.deepEqual(problems, []);
  });

  it('builds the EKS pipeline: CRI + Docker JSON tail, metadata, two CloudWatch groups, systemd units, file buffers, fluent.** to null', () => {
    const roots = document.children.filter((c): c is ElementNode => c.kind === 'element');
    const first = roots[0];
    assert.equal(first.name, 'match');
    assert.equal(first.arg, 'fluent.**');
    assert.equal(value(first, '@type'), 'null');
    const tail = roots.find((e) => value(e, '@type') === 'tail');
    assert.ok(tail);
    assert.equal(value(tail, 'path'), '/var/log/containers/*.log');
    const parseEl = elementsOf(tail).find((e) => e.name === 'parse');
    assert.ok(parseEl);
    assert.deepEqual(
      elementsOf(parseEl).map((p) => value(p, 'format')),
      ['json', 'cri'],
    );
    const units = roots.filter((e) => value(e, '@type') === 'systemd').map((e) => value(e, 'matches'));
    for (const unit of ['kubelet', 'containerd', 'docker'])
      assert.ok(
        units.some((m) => m?.includes(`${unit}.service`)),
        unit,
      );
    assert.ok(roots.some((e) => e.name === 'filter' && value(e, '@type') === 'kubernetes_metadata'));
    const outputs = roots.filter((e) => value(e, '@type') === 'cloudwatch_logs');
    assert.deepEqual(
      outputs.map((o) => value(o, 'log_group_name')),
      ["#{ENV['LOG_GROUP_NAME']}/containers", "#{ENV['LOG_GROUP_NAME']}/systemd"],
    );
    for (const o of outputs)
      assert.equal(
        value(
          elementsOf(o).find((e) => e.name === 'buffer')!,
          '@type',
        ),
        'file',
      );
    // every filter comes before the match that consumes its tags
    const idx = (pred: (e: ElementNode) => boolean) => roots.findIndex(pred);
    assert.ok(idx((e) => e.name === 'filter' && e.arg === 'kubernetes.**') < idx((e) => e.name === 'match' && e.arg === 'kubernetes.**'));
    assert.ok(idx((e) => e.name === 'filter' && e.arg === 'systemd.**') < idx((e) => e.name === 'match' && e.arg === 'systemd.**'));
  });

  it('reads only environment variables the DaemonSet sets', () => {
    const used = [...text.matchAll(/ENV\['([A-Z0-9_]+)'\]/g)].map((m) => m[1]);
    const objects = renderManifests({ settings: withDefaults({ clusterName: 'c', region: 'us-east-1' }), templates: loadTemplates() });
    const ds = objects.find((o) => o.kind === 'DaemonSet') as unknown as {
      spec: { template: { spec: { containers: { env: { name: string }[] }[] } } };
    };
    const set = new Set(ds.spec.template.spec.containers[0].env.map((e) => e.name));
    assert.ok(used.length > 0);
    for (const name of new Set(used)) assert.ok(set.has(name), `${name} is not set by the DaemonSet`);
  });

  it('gets no errors or warnings from the language service', () => {
    const svc = new FluentdLanguageService();
    const doc = TextDocument.create('file:///fluentd/etc/fluent.conf', 'fluentd', 1, text);
    const found = svc.diagnostics(doc).filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(
      found.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
      [],
    );
  });
});
