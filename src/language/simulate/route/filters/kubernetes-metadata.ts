// filter_kubernetes_metadata. Without a pod fixture it passes events through unchanged
// (what Fluentd does when it cannot reach an API server, and what the recorded facts
// hold). With one, it enriches like the plugin does from the API: the pod, namespace
// and container read from the tag (tag_to_kubernetes_name_regexp), then the pod's
// labels, host, ids and the container's image and id, merged into the record.
import { isHash, setOwn } from '../../ruby/hash';
import type { EventRecord, RecordValue } from '../../types';
import { param, type SimElement } from '../config';
import { boolParam, NotSimulatedError } from '../param-types';
import type { FilterPlugin } from '../router';
import { plainRegexp } from '../ruby-regexp';
import type { ElementRef } from '../types';

/** Pods (and optionally namespaces) as the API server returns them (JSON objects). */
export interface KubeFixture {
  pods: readonly unknown[];
  namespaces?: readonly unknown[];
}

const VAR_LOG_PODS = String.raw`(var\.log\.pods)\.(?<namespace>[^_]+)_(?<pod_name>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)_(?<pod_uuid>[a-z0-9-]*)\.(?<container_name>.+)\..*\.log$`;
const VAR_LOG_CONTAINERS = String.raw`(var\.log\.containers)\.(?<pod_name>[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)_(?<namespace>[^_]+)_(?<container_name>.+)-(?<docker_id>[a-z0-9]{64})\.log$`;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Pods and namespaces by name, built once per fixture (a fixture may hold 100k pods). */
const indexes = new WeakMap<KubeFixture, { pods: Map<string, Obj>; namespaces: Map<string, Obj> }>();

function indexOf(f: KubeFixture) {
  let idx = indexes.get(f);
  if (!idx) {
    idx = { pods: new Map(), namespaces: new Map() };
    for (const p of f.pods) {
      const md = obj(obj(p)?.metadata);
      if (md && str(md.namespace) && str(md.name)) idx.pods.set(`${md.namespace as string}/${md.name as string}`, p as Obj);
    }
    for (const n of f.namespaces ?? []) {
      const md = obj(obj(n)?.metadata);
      if (md && str(md.name)) idx.namespaces.set(md.name as string, n as Obj);
    }
    indexes.set(f, idx);
  }
  return idx;
}

export function kubernetesMetadataFilter(el: SimElement, ref: ElementRef, fixture: KubeFixture | undefined): FilterPlugin {
  // the recorded Fluentd (no API server) runs this filter as a stream filter that changes nothing
  if (!fixture) return { kind: 'filter', ref, streamOnly: true, filter: (_s, _t, ev) => ev };
  const source = param(el, 'tag_to_kubernetes_name_regexp') ?? `(${VAR_LOG_PODS}|${VAR_LOG_CONTAINERS})`;
  const tagRe = plainRegexp(source);
  const skipLabels = boolParam(el, 'skip_labels', false);
  const skipPodLabels = boolParam(el, 'skip_pod_labels', false);
  const skipNamespaceLabels = boolParam(el, 'skip_namespace_labels', false);
  const skipContainer = boolParam(el, 'skip_container_metadata', false);
  const skipMasterUrl = boolParam(el, 'skip_master_url', false);
  const skipNamespace = boolParam(el, 'skip_namespace_metadata', false);
  let masterUrl: string | undefined;
  try {
    masterUrl = param(el, 'kubernetes_url');
  } catch {
    masterUrl = undefined; // computed by Ruby: shown without master_url
  }
  const idx = indexOf(fixture);

  return {
    kind: 'filter',
    ref,
    streamOnly: false,
    filter(_state, tag, ev) {
      const m = tagRe.first(tag);
      if (!m) return ev;
      const ns = m.group('namespace') ?? '';
      const podName = m.group('pod_name') ?? '';
      const container = m.group('container_name') ?? '';
      const dockerId = m.group('docker_id');
      const pod = idx.pods.get(`${ns}/${podName}`);
      if (!pod)
        throw new NotSimulatedError(`pod ${ns}/${podName} is not in the pod fixture (the plugin's orphan handling is not simulated)`);
      const kube: EventRecord = { container_name: container, namespace_name: ns, pod_name: podName };
      const docker: EventRecord = { container_id: dockerId ?? '' };
      const md = obj(pod.metadata) ?? {};
      const status = obj(pod.status) ?? {};
      const statuses = Array.isArray(status.containerStatuses) ? status.containerStatuses.map(obj) : [];
      const cs = statuses.find((s) => s && s.name === container);
      if (cs && !skipContainer) {
        kube.container_image = str(cs.image) ?? null;
        if (str(cs.imageID)) kube.container_image_id = cs.imageID as string;
        const cid = (str(cs.containerID) ?? '').replace(/^[-_a-zA-Z0-9]+:\/\//, '');
        if (cid) docker.container_id = cid;
      }
      const podMeta: [string, RecordValue | undefined][] = [
        ['namespace_name', str(md.namespace)],
        ['pod_id', str(md.uid)],
        ['pod_name', str(md.name)],
        ['pod_ip', str(status.podIP)],
        ['host', str(obj(pod.spec)?.nodeName)],
      ];
      for (const [k, v] of podMeta) if (v !== undefined) setOwn(kube, k, v);
      const labels = toRecord(md.labels);
      if (!skipLabels && !skipPodLabels && labels && Object.keys(labels).length) kube.labels = labels;
      if (!skipMasterUrl && masterUrl !== undefined) kube.master_url = masterUrl;
      const namespace = skipNamespace ? undefined : idx.namespaces.get(ns);
      if (namespace) {
        const nmd = obj(namespace.metadata) ?? {};
        if (str(nmd.uid)) kube.namespace_id = nmd.uid as string;
        if (str(nmd.creationTimestamp)) kube.creation_timestamp = nmd.creationTimestamp as string;
        const nl = toRecord(nmd.labels);
        if (!skipLabels && !skipNamespaceLabels && nl && Object.keys(nl).length) kube.namespace_labels = nl;
      }
      const record: EventRecord = {};
      for (const k of Object.keys(ev.record)) setOwn(record, k, ev.record[k]);
      if (docker.container_id) record.docker = docker;
      record.kubernetes = kube;
      return { time: ev.time, record };
    },
  };
}

function toRecord(v: unknown): EventRecord | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: EventRecord = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') setOwn(out, k, x);
  return isHash(out) ? out : undefined;
}
