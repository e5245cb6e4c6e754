// What a log stream name says about its source. Shapes produced by the reference setups:
//   kubernetes.var.log.containers.<pod>_<namespace>_<container>-<64 hex>.log   (use_tag_as_stream)
//   <pod>_<namespace>_<container>-<64 hex>                                     (stream_name ${tag_parts[3]})
//   <host>-application.var.log.containers.<pod>_<ns>_<container>-<64 hex>.log (Fluent Bit, host prefix)
//   <unit>.service-<hostname>                                                  (systemd inputs)
// Anything else is an "other" stream.

export type ParsedStreamName =
  | { kind: 'container'; pod: string; namespace: string; container: string; containerId: string }
  | { kind: 'node'; unit: string; host: string }
  | { kind: 'other' };

// kubelet's log file name: <pod>_<namespace>_<container>-<container id>.log. Pod names are DNS
// subdomains (may contain dots), namespaces and containers are DNS labels; none contain "_".
const CONTAINER_RE =
  /^([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)_([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)_([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)-([0-9a-f]{64})(?:\.log)?$/;
const CONTAINERS_DIR = 'var.log.containers.';

const HOST = String.raw`[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?)*`;
const UNIT_SUFFIX = String.raw`\.(?:service|socket|timer|mount|scope|slice|target|path|swap|device)`;
// <unit>.service-<hostname>; the lazy unit stops at the first ".service-"
const UNIT_HOST_RE = new RegExp(String.raw`^([A-Za-z0-9@:_.\\-]+?${UNIT_SUFFIX})-(${HOST})$`);
// <hostname>-<unit>.service (host-prefixed shapes, e.g. Fluent Bit's log_stream_prefix ${HOST_NAME}-)
const EC2_HOST = String.raw`ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[A-Za-z0-9-]+)*`;
const HOST_UNIT_RE = new RegExp(String.raw`^(${EC2_HOST})-(?:dataplane\.systemd\.)?([A-Za-z0-9@:_.\\-]+?${UNIT_SUFFIX})$`);

export function parseStreamName(name: string): ParsedStreamName {
  // anything up to the tag's "var.log.containers." is a prefix (tag, host, application…)
  const dir = name.indexOf(CONTAINERS_DIR);
  const c = CONTAINER_RE.exec(dir >= 0 ? name.slice(dir + CONTAINERS_DIR.length) : name);
  if (c) return { kind: 'container', pod: c[1], namespace: c[2], container: c[3], containerId: c[4] };
  const u = UNIT_HOST_RE.exec(name);
  if (u) return { kind: 'node', unit: u[1], host: u[2] };
  const h = HOST_UNIT_RE.exec(name);
  if (h) return { kind: 'node', unit: h[2], host: h[1] };
  return { kind: 'other' };
}

/** Short label for output lines and tree items: `pod/container`, `unit@host`, or the name itself. */
export function streamLabel(name: string, parsed: ParsedStreamName = parseStreamName(name)): string {
  switch (parsed.kind) {
    case 'container':
      return `${parsed.pod}/${parsed.container}`;
    case 'node':
      return `${parsed.unit}@${parsed.host}`;
    default:
      return name;
  }
}
