// Where in the config a problem Fluentd logged comes from: the element with the @id it names
// (its <parse> for a rejected line, its <buffer> for an overflow), the <source> whose tags include
// the tag no <match> took, the filters and matches that take a tag, the plugin a config error
// names. The config is read as Fluentd reads it (includes resolved) through the language engine's
// tree and routing model. Pure: files come through a FileSystem.
import type { FileSystem } from '../../language/file-system';
import { DiskHost, ParseCache, type SourceFile } from '../../language/includes/host';
import { staticValue } from '../../language/includes/static-value';
import { buildTree, treeElements, treeParam, type ConfigTree, type TreeElement } from '../../language/includes/tree';
import { buildModel, type RoutingModel, type Rule } from '../../language/routing/model';
import type { TagTemplate } from '../../language/routing/tags';
import type { Range } from '../../language/types';
import type { FluentdProblem } from './recognise';

export interface ConfigSpot {
  uri: string;
  range: Range;
  /** `<source @id in_tail_container_logs>` — how a message names the place. */
  what: string;
}

export interface LinkResult {
  spots: ConfigSpot[];
  /** Set when the problem could only be put on the config's first line. */
  approximate?: string;
}

function typeOf(el: TreeElement): string | undefined {
  const p = treeParam(el, '@type', 'type');
  return p ? staticValue(p.node.value) : undefined;
}

function idOf(el: TreeElement): string | undefined {
  const p = treeParam(el, '@id');
  return p ? staticValue(p.node.value) : undefined;
}

function describe(el: TreeElement): string {
  const id = idOf(el);
  const arg = el.node.arg ? ` ${el.node.arg}` : '';
  return `<${el.node.name}${arg}>${id ? ` (@id ${id})` : ''}`;
}

const spotOf = (el: TreeElement): ConfigSpot => ({ uri: el.file.uri, range: el.node.openRange, what: describe(el) });

const child = (el: TreeElement, name: string) => el.children.find((c): c is TreeElement => c.kind === 'element' && c.node.name === name);

function templateRegex(t: TagTemplate): RegExp {
  const body = t.tokens
    .map((tok) => (typeof tok === 'string' ? tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : 'any' in tok ? '.+' : '[^.]+'))
    .join('');
  return new RegExp(`^${body}$`);
}

export class FluentdConfigLinks {
  private readonly byId = new Map<string, TreeElement>();
  private readonly model: RoutingModel;

  constructor(readonly tree: ConfigTree) {
    for (const el of treeElements(tree.items)) {
      const id = idOf(el);
      if (id && !this.byId.has(id)) this.byId.set(id, el);
    }
    this.model = buildModel(tree);
  }

  /** The config rooted at `rootPath` (absolute), includes read through `fs`. */
  static fromFile(rootPath: string, fs: FileSystem): FluentdConfigLinks | undefined {
    const cache = new ParseCache();
    const host = new DiskHost(fs, new Map(), cache);
    const root: SourceFile | undefined = host.file(rootPath);
    if (!root) return undefined;
    return new FluentdConfigLinks(buildTree(root, host));
  }

  /** Every file of the config (root first), as absolute paths. */
  get paths(): string[] {
    return this.tree.files.map((f) => f.path);
  }

  element(id: string): TreeElement | undefined {
    return this.byId.get(id);
  }

  private rules(): Rule[] {
    return [this.model.root, ...this.model.labels.values()].flatMap((s) => s.rules);
  }

  /** Filters and matches whose patterns take the tag, in order. */
  private rulesFor(tag: string, kind: 'filter' | 'match'): Rule[] {
    return this.rules().filter((r) => r.kind === kind && r.patterns?.test(tag) === true);
  }

  private sourcesOf(tag: string): TreeElement[] {
    return this.model.sources
      .filter((s) => s.tags.kind !== 'none' && s.tags.templates.some((t) => templateRegex(t).test(tag)))
      .map((s) => s.el);
  }

  private rootSpot(why: string): LinkResult {
    const root = this.tree.root;
    return {
      spots: [{ uri: root.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, what: 'the config' }],
      approximate: why,
    };
  }

  /** The spots a problem concerns; the config's first line (marked approximate) when none fits. */
  locate(p: FluentdProblem): LinkResult {
    const el = p.pluginId ? this.byId.get(p.pluginId) : undefined;
    const sectionOr = (e: TreeElement, name: string) => spotOf(child(e, name) ?? e);
    const many = (els: TreeElement[], map: (e: TreeElement) => ConfigSpot = spotOf): LinkResult | undefined =>
      els.length ? { spots: els.map(map) } : undefined;
    switch (p.kind) {
      case 'pattern-not-matched': {
        if (el) return { spots: [sectionOr(el, 'parse')] };
        const tails = this.model.sources.filter((s) => s.type === 'tail' || child(s.el, 'parse')).map((s) => s.el);
        return many(tails, (e) => sectionOr(e, 'parse')) ?? this.rootSpot('no source with a <parse>');
      }
      case 'parser-error': {
        if (el) return { spots: [sectionOr(el, 'parse')] };
        const filters = p.tag ? this.rulesFor(p.tag, 'filter') : [];
        const parsers = filters.filter((r) => r.type === 'parser');
        return (
          many(
            (parsers.length ? parsers : filters).map((r) => r.el),
            (e) => sectionOr(e, 'parse'),
          ) ?? this.rootSpot(`no filter takes "${p.tag}"`)
        );
      }
      case 'no-patterns-matched':
        return many(p.tag ? this.sourcesOf(p.tag) : []) ?? this.rootSpot(`no <source> here gives the tag "${p.tag}"`);
      case 'config-error': {
        if (el) return { spots: [p.section ? sectionOr(el, p.section) : spotOf(el)] };
        const named = /Unknown (?:input|output|filter|parser|formatter|buffer|storage|service_discovery) plugin '([^']+)'/.exec(p.message);
        if (named) {
          const els = [...treeElements(this.tree.items)].filter((e) => typeOf(e) === named[1]);
          const hit = many(els);
          if (hit) return hit;
        }
        return this.rootSpot('the error names no element');
      }
      case 'buffer-overflow': {
        if (el) return { spots: [sectionOr(el, 'buffer')] };
        const match = p.tag ? this.rulesFor(p.tag, 'match')[0] : undefined;
        return match ? { spots: [sectionOr(match.el, 'buffer')] } : this.rootSpot(`no <match> takes "${p.tag}"`);
      }
      case 'buffer-retry':
      case 'access-denied':
      case 'resource-not-found':
      case 'plugin-error': {
        if (el) return { spots: [spotOf(el)] };
        if (p.tag) {
          const filters = this.rulesFor(p.tag, 'filter');
          const expand = /failed to expand/.test(p.message) ? filters.filter((r) => r.type === 'record_transformer') : [];
          const chosen = expand.length ? expand : filters.length ? filters : this.rulesFor(p.tag, 'match').slice(0, 1);
          const hit = many(chosen.map((r) => r.el));
          if (hit) return hit;
        }
        return this.rootSpot(p.pluginId ? `no element has @id ${p.pluginId}` : 'the message names no plugin');
      }
    }
  }
}
