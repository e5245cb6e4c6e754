// A config read (config.ts) becomes routers and plugins the way Fluentd's RootAgent
// configures them: every <label> is known before any plugin is configured, labels are
// configured first, then @ERROR, then the root's filters and matches, then the sources.
// A plugin this engine does not reproduce becomes a step that stops events and names
// itself; a config Fluentd would refuse gives a config error, as Fluentd would.
import { defaultCatalog } from '../../catalog';
import type { SimulationEnvironment } from '../types';
import { readConfig, sections, param, UnknownValue, type SimElement } from './config';
import { concatFilter } from './filters/concat';
import { grepFilter } from './filters/grep';
import { kubernetesMetadataFilter, type KubeFixture } from './filters/kubernetes-metadata';
import { parserFilter } from './filters/parser';
import { recordModifierFilter } from './filters/record-modifier';
import { recordTransformerFilter } from './filters/record-transformer';
import { destinationFor } from './outputs/destinations';
import { captureOutput, copyOutput, relabelOutput, rewriteTagFilterOutput, type OutputSite } from './outputs/outputs';
import { ConfigError, NotSimulatedError } from './param-types';
import { parseEngine, type ParserCompiler } from './parsers';
import { Router, type FilterPlugin, type OutputPlugin } from './router';
import type { ConfigTree } from '../../includes/tree';
import type { ElementRef, NotSimulated } from './types';

export interface BuildOptions {
  env: SimulationEnvironment;
  /** Compiles <parse> sections for in_tail lines and the parser filter (default: the parse engine). */
  parsers?: ParserCompiler;
  /** Pods (and namespaces) for kubernetes_metadata; without it the filter changes nothing. */
  kube?: KubeFixture;
}

export interface SimSource {
  el: SimElement;
  type: string;
  id?: string;
  /** The router its events enter (its @label's, or the root's). */
  router: Router;
}

export interface Simulation {
  /** Why Fluentd would not start with this config (then nothing else is set up). */
  configError?: string;
  root: Router;
  labels: Map<string, Router>;
  /** The @ERROR label's router, when there is one. */
  errorRouter?: Router;
  sources: SimSource[];
  /** Plugins and values set up as not simulated (the events that reach them stop there). */
  notSimulated: NotSimulated[];
  options: BuildOptions;
}

const ERROR_LABEL = '@ERROR';

export function buildSimulation(tree: ConfigTree, options: BuildOptions): Simulation {
  const root = new Router('');
  const sim: Simulation = {
    root,
    labels: new Map(),
    sources: [],
    notSimulated: [],
    options: { ...options, parsers: options.parsers ?? parseEngine(options.env) },
  };
  // Fluentd stops at the first syntax error of any file it reads
  for (const f of tree.files) {
    const d = f.parsed.diagnostics.find((x) => x.severity === 'error');
    if (d)
      return {
        ...sim,
        configError: `Fluent::ConfigParseError: ${d.message} (${f.path.slice(f.path.lastIndexOf('/') + 1)} line ${d.range.start.line + 1})`,
      };
  }
  const config = readConfig(tree, options.env.env);
  if (config.errors.length) return { ...sim, configError: config.errors[0] };
  try {
    configure(sim, config.elements);
  } catch (e) {
    if (e instanceof ConfigError) return { ...sim, configError: `${e.rubyClass}: ${e.message}` };
    throw e;
  }
  return sim;
}

function configure(sim: Simulation, elements: SimElement[]): void {
  const labelEls: [string, SimElement][] = [];
  let errorEl: SimElement | undefined;
  for (const el of elements) {
    if (el.name !== 'label') continue;
    const name = el.arg;
    if (!name) throw new ConfigError('Missing symbol argument on <label> directive');
    if (name === '@ROOT') throw new ConfigError('@ROOT for <label> is not permitted, reserved for getting root router');
    if (name === ERROR_LABEL) {
      errorEl = el;
      continue;
    }
    if (sim.labels.has(name)) throw new ConfigError(`Section <label ${name}> appears twice`);
    sim.labels.set(name, new Router(name));
    labelEls.push([name, el]);
  }
  for (const [name, el] of labelEls) configureScope(sim, sim.labels.get(name)!, el.children, el);
  if (errorEl) {
    const r = new Router(ERROR_LABEL);
    sim.labels.set(ERROR_LABEL, r);
    sim.errorRouter = r;
    configureScope(sim, r, errorEl.children, errorEl);
  }
  configureScope(sim, sim.root, elements, undefined);
  for (const el of elements) {
    if (el.name !== 'source') continue;
    const type = typeOf(el);
    if (type === undefined) throw new ConfigError("Missing '@type' parameter on <source> directive");
    const label = param(el, '@label');
    sim.sources.push({ el, type, ...(el.ref.id !== undefined ? { id: el.ref.id } : {}), router: routerFor(sim, label, sim.root) });
  }
}

function typeOf(el: SimElement): string | undefined {
  try {
    return param(el, '@type') ?? param(el, 'type');
  } catch (e) {
    if (e instanceof UnknownValue)
      throw new ConfigError(`the @type of ${el.ref.title} is computed by Ruby code this simulator does not run`);
    throw e;
  }
}

/** Fluentd's event_emitter_router: `@label` names a label ('@ROOT' the root), else the element's own router. */
function routerFor(sim: Simulation, label: string | undefined, context: Router): Router {
  if (label === undefined) return context;
  if (label === '@ROOT') return sim.root;
  const r = sim.labels.get(label);
  if (!r) throw new ConfigError(`${label} label not found`, 'ArgumentError');
  return r;
}

function configureScope(sim: Simulation, router: Router, elements: SimElement[], label: SimElement | undefined): void {
  let matches = 0;
  for (const el of elements) {
    if (el.name !== 'filter' && el.name !== 'match') continue;
    if (el.argUnknown !== undefined)
      throw new ConfigError(`the pattern of ${el.ref.title} is computed by Ruby code this simulator does not run`);
    const pattern = el.arg === '' ? '**' : el.arg;
    const type = typeOf(el);
    if (type === undefined) throw new ConfigError(`Missing '@type' parameter on <${el.name}> directive`);
    if (el.name === 'filter') router.add(pattern, buildFilter(sim, el, type));
    else {
      matches++;
      const site: OutputSite = { pattern, label: router.label, routerFor: (l) => routerFor(sim, l, router) };
      router.add(pattern, buildOutput(sim, el, type, site));
    }
  }
  if (label && matches === 0) throw new ConfigError(`Missing <match> sections in <label ${label.arg}> section`);
}

function buildFilter(sim: Simulation, el: SimElement, type: string): FilterPlugin {
  const { ref } = el;
  const { env } = sim.options;
  try {
    switch (type) {
      case 'grep':
        return grepFilter(el, ref);
      case 'record_transformer':
        return recordTransformerFilter(el, ref, env.hostname, env.tz);
      case 'parser':
        return parserFilter(el, ref, sim.options.parsers);
      case 'record_modifier':
        return recordModifierFilter(el, ref);
      case 'concat':
        return concatFilter(el, ref);
      case 'kubernetes_metadata':
        return kubernetesMetadataFilter(el, ref, sim.options.kube);
      case 'stdout':
        // prints the events and passes them on unchanged (a stream filter in Fluentd)
        return { kind: 'filter', ref, streamOnly: true, anyRecord: true, filter: (_s, _t, ev) => ev };
    }
    if (!defaultCatalog().plugin('filter', type)) throw new ConfigError(unknownPlugin('filter', type), 'Fluent::NotFoundPluginError');
    throw new NotSimulatedError(`filter ${type} is not simulated`);
  } catch (e) {
    const why = whyNotSimulated(e);
    if (why === undefined) throw e;
    return notSimulatedFilter(sim, ref, why);
  }
}

function whyNotSimulated(e: unknown): string | undefined {
  if (e instanceof NotSimulatedError) return e.message;
  if (e instanceof UnknownValue) return e.message;
  return undefined;
}

function unknownPlugin(kind: string, type: string): string {
  return `Unknown ${kind} plugin '${type}'. Run 'gem search -rd fluent-plugin' to find plugins`;
}

function notSimulatedFilter(sim: Simulation, ref: ElementRef, what: string): FilterPlugin {
  sim.notSimulated.push({ what, ref });
  return {
    kind: 'filter',
    ref,
    streamOnly: false,
    filter() {
      throw new NotSimulatedError(what);
    },
  };
}

function buildOutput(sim: Simulation, el: SimElement, type: string, site: OutputSite): OutputPlugin {
  const { ref } = el;
  const { env } = sim.options;
  try {
    switch (type) {
      case 'copy': {
        const stores = sections(el, 'store').map((s) => {
          const t = typeOf(s);
          if (t === undefined) throw new ConfigError("Missing '@type' parameter on <store> directive");
          return buildOutput(sim, s, t, site);
        });
        return copyOutput(el, ref, stores);
      }
      case 'relabel':
        return relabelOutput(el, ref, site);
      case 'rewrite_tag_filter':
        return rewriteTagFilterOutput(el, ref, site, env.hostname);
    }
    if (!defaultCatalog().plugin('output', type)) throw new ConfigError(unknownPlugin('output', type), 'Fluent::NotFoundPluginError');
    let destination;
    try {
      destination = destinationFor(type, el, env.tz);
    } catch (e) {
      // the output still receives the event; only where it writes is unknown
      if (whyNotSimulated(e) === undefined) throw e;
      destination = undefined;
    }
    return captureOutput(ref, type, site, destination);
  } catch (e) {
    const why = whyNotSimulated(e);
    if (why === undefined) throw e;
    sim.notSimulated.push({ what: why, ref });
    return {
      kind: 'output',
      ref,
      emitEvents(state, tag, es) {
        for (const ev of es) state.notSimulatedHere(ev, why, ref, tag);
      },
    };
  }
}
