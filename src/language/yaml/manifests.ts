// What a Kubernetes YAML file holds for us: ConfigMaps whose `data` keys end in
// `.conf` (each value a fluent.conf, decoded with a map back to the YAML), and the
// workloads (DaemonSet, Deployment, …) whose containers get environment variables
// and mount those ConfigMaps. Multi-document files and `kind: List` are read;
// everything else is ignored. Broken YAML gives errors, never an exception.
import { isMap, isScalar, isSeq, Lexer, parseAllDocuments, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import { LineIndex } from '../parser/line-index';
import type { Diagnostic } from '../types';
import { decodeBlock, decodeFlow, type DecodedScalar } from './scalar';

export interface EmbeddedConf {
  /** The data key, e.g. `fluent.conf`. */
  key: string;
  /** The key in the YAML file (where findings go when positions cannot be mapped). */
  keyRange: { start: number; end: number };
  /** The fluent.conf text as Kubernetes will write it to the file. */
  text: string;
  /** Offsets map, when the decoder agrees with the yaml package (else positions stay on the key). */
  decoded?: DecodedScalar;
  configMap: ConfigMapInfo;
}

export interface ConfigMapInfo {
  name?: string;
  namespace?: string;
  /** Index of the YAML document (and List item) the ConfigMap is in. */
  id: string;
  keys: EmbeddedConf[];
}

export interface WorkloadInfo {
  kind: string;
  name?: string;
  namespace?: string;
  /** `env[].name` of every container. */
  env: Set<string>;
  /** Some container has `envFrom`: its variables are not known here. */
  envFrom: boolean;
  /** ConfigMap name → the paths it is mounted at. */
  mounts: Map<string, string[]>;
  /** Names of the ConfigMaps its volumes use. */
  configMaps: Set<string>;
  containers: string[];
}

export interface Manifests {
  configMaps: ConfigMapInfo[];
  workloads: WorkloadInfo[];
  /** YAML syntax errors (already positioned in the file). */
  errors: Diagnostic[];
}

const WORKLOADS = new Set(['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod']);

/** Cheap look before parsing: could this YAML hold a ConfigMap with a .conf key? */
export function mayHoldFluentdConfigMap(text: string): boolean {
  return /\bConfigMap\b/.test(text) && /\.conf["']?\s*:/.test(text) && !text.includes('{{');
}

/** Cheap look: could this YAML hold a workload (for the ENV cross-check)? */
export function mayHoldWorkload(text: string): boolean {
  return (
    /\bkind\s*:\s*["']?(DaemonSet|Deployment|StatefulSet|ReplicaSet|ReplicationController|Job|CronJob|Pod|List)\b/.test(text) &&
    !text.includes('{{')
  );
}

/** Flow collections (`[…]`, `{…}`) nested deeper than this are not read: no manifest nests so, and the YAML reader slows down on them. */
const MAX_FLOW_DEPTH = 64;

/** Whether `[`/`{` collections nest deeper than MAX_FLOW_DEPTH (the lexer tells them from brackets in strings and block scalars). */
function flowTooDeep(text: string): boolean {
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= MAX_FLOW_DEPTH; i++) if (text[i] === '[' || text[i] === '{') brackets++;
  if (brackets <= MAX_FLOW_DEPTH) return false;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_FLOW_DEPTH) return true;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
  }
  return false;
}

export function readManifests(text: string): Manifests {
  const out: Manifests = { configMaps: [], workloads: [], errors: [] };
  if (flowTooDeep(text)) {
    out.errors.push(
      yamlError(text, 0, 1, `flow collections ([…] or {…}) nested more than ${MAX_FLOW_DEPTH} deep: the file is not checked`),
    );
    return out;
  }
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (err) {
    out.errors.push(yamlError(text, 0, 1, err instanceof Error ? err.message : String(err)));
    return out;
  }
  const idx = new LineIndex(text);
  docs.forEach((doc, d) => {
    if (doc.errors.length) {
      for (const e of doc.errors) out.errors.push(yamlError(text, e.pos[0], e.pos[1], e.message, idx));
      return; // a broken document is not analysed: its values may be cut short
    }
    const root = doc.contents;
    if (!isMap(root)) return;
    const kind = str(root.get('kind', true));
    if (kind === 'List') {
      const items = root.get('items', true);
      if (isSeq(items)) items.items.forEach((item, k) => readObject(item as YamlNode, `${d}.${k}`, text, out));
    } else readObject(root, String(d), text, out);
  });
  return out;
}

function yamlError(text: string, start: number, end: number, message: string, idx = new LineIndex(text)): Diagnostic {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    range: { start: idx.positionAt(Math.min(start, text.length)), end: idx.positionAt(Math.min(Math.max(end, start + 1), text.length)) },
    severity: 'error',
    code: 'yaml-syntax',
    message: `YAML: ${first}`,
  };
}

function str(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : isScalar(n) && typeof n.value === 'number' ? String(n.value) : undefined;
}

function readObject(node: YamlNode | null | undefined, id: string, text: string, out: Manifests): void {
  if (!isMap(node)) return;
  const kind = str(node.get('kind', true));
  const meta = node.get('metadata', true);
  const name = isMap(meta) ? str(meta.get('name', true)) : undefined;
  const namespace = isMap(meta) ? str(meta.get('namespace', true)) : undefined;
  if (kind === 'ConfigMap') {
    const cm: ConfigMapInfo = { name, namespace, id, keys: [] };
    const data = node.get('data', true);
    if (isMap(data)) {
      for (const pair of data.items) {
        const key = str(pair.key);
        if (!key || !key.endsWith('.conf') || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
        const k = pair.key as Scalar;
        cm.keys.push({
          key,
          keyRange: { start: k.range![0], end: k.range![1] },
          text: pair.value.value,
          decoded: decode(text, pair.value),
          configMap: cm,
        });
      }
    }
    if (cm.keys.length) out.configMaps.push(cm);
  } else if (kind && WORKLOADS.has(kind)) {
    out.workloads.push(workload(node, kind, name, namespace));
  }
}

/** The scalar decoded with its offsets, if that agrees with the yaml package. */
function decode(text: string, node: Scalar): DecodedScalar | undefined {
  const [start, valueEnd] = node.range ?? [0, 0];
  let d: DecodedScalar | undefined;
  try {
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const indent = (node.srcToken as { indent?: number } | undefined)?.indent ?? 0;
      d = decodeBlock(text, start, valueEnd, indent);
    } else if (node.type === 'QUOTE_DOUBLE') d = decodeFlow(text, start, valueEnd, 'double');
    else if (node.type === 'QUOTE_SINGLE') d = decodeFlow(text, start, valueEnd, 'single');
    else if (node.type === 'PLAIN') d = decodeFlow(text, start, valueEnd, 'plain');
  } catch {
    d = undefined;
  }
  return d && d.text === node.value ? d : undefined;
}

/** The pod spec of a workload (CronJob → jobTemplate → template; Pod → spec). */
function podSpec(node: YamlNode, kind: string): YamlNode | undefined {
  const path =
    kind === 'Pod' ? ['spec'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
  let cur: unknown = node;
  for (const p of path) {
    if (!isMap(cur)) return undefined;
    cur = cur.get(p, true);
  }
  return isMap(cur) ? (cur as YamlNode) : undefined;
}

function workload(node: YamlNode, kind: string, name: string | undefined, namespace: string | undefined): WorkloadInfo {
  const w: WorkloadInfo = {
    kind,
    name,
    namespace,
    env: new Set(),
    envFrom: false,
    mounts: new Map(),
    configMaps: new Set(),
    containers: [],
  };
  const spec = podSpec(node, kind);
  if (!isMap(spec)) return w;
  // volume name → ConfigMap name
  const volumes = new Map<string, string>();
  const vols = spec.get('volumes', true);
  if (isSeq(vols)) {
    for (const v of vols.items) {
      if (!isMap(v)) continue;
      const vname = str(v.get('name', true));
      const cm = v.get('configMap', true);
      const direct = isMap(cm) ? str(cm.get('name', true)) : undefined;
      const refs: string[] = direct ? [direct] : [];
      const projected = v.get('projected', true);
      const sources = isMap(projected) ? projected.get('sources', true) : undefined;
      if (isSeq(sources)) {
        for (const s of sources.items) {
          const c = isMap(s) ? s.get('configMap', true) : undefined;
          const n = isMap(c) ? str(c.get('name', true)) : undefined;
          if (n) refs.push(n);
        }
      }
      for (const r of refs) {
        w.configMaps.add(r);
        if (vname) volumes.set(vname, r);
      }
    }
  }
  for (const field of ['containers', 'initContainers']) {
    const list = spec.get(field, true);
    if (!isSeq(list)) continue;
    for (const c of list.items) {
      if (!isMap(c)) continue;
      const cname = str(c.get('name', true));
      if (cname && field === 'containers') w.containers.push(cname);
      if (field === 'containers') {
        const env = c.get('env', true);
        if (isSeq(env))
          for (const e of env.items)
            if (isMap(e)) {
              const n = str(e.get('name', true));
              if (n) w.env.add(n);
            }
        if (c.get('envFrom', true)) w.envFrom = true;
      }
      const mounts = c.get('volumeMounts', true);
      if (isSeq(mounts)) {
        for (const m of mounts.items) {
          if (!isMap(m)) continue;
          const cm = volumes.get(str(m.get('name', true)) ?? '');
          const at = str(m.get('mountPath', true));
          if (!cm || !at) continue;
          // a subPath mount puts one key at the path itself
          const sub = str(m.get('subPath', true));
          const dir = sub ? at.replace(/\/[^/]*$/, '') || '/' : at.replace(/\/+$/, '') || '/';
          const list = w.mounts.get(cm) ?? [];
          if (!list.includes(dir)) list.push(dir);
          w.mounts.set(cm, list);
        }
      }
    }
  }
  return w;
}
