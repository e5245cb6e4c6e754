// The CloudWatch Logs data `npm run demo` loads into moto: the log groups and streams the bundled
// config (media/manifests/fluent.conf) produces for a small EKS cluster, with records shaped like
// what reaches cloudwatch_logs (CRI-parsed container lines + kubernetes_metadata; journal
// entries of node services), and the live events the demo keeps writing.
import { createHash } from 'node:crypto';

export const CLUSTER = 'demo';
export const CONTAINERS_GROUP = `/eks/${CLUSTER}/containers`;
export const SYSTEMD_GROUP = `/eks/${CLUSTER}/systemd`;
export const NODES = ['ip-10-0-1-23.ec2.internal', 'ip-10-0-2-71.ec2.internal'];
// the bundled config reads these three units; the stream is <unit>-<node name>
export const UNITS = ['kubelet', 'containerd', 'docker'];

/** Pods and what their containers say. (Fluentd's own pod is excluded by the config's exclude_path.) */
export const PODS = [
  {
    namespace: 'kube-system', pod: 'coredns-5d78c9869d-8xk2p', node: 0, image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.1',
    containers: { coredns: (i) => `[INFO] 10.0.1.${40 + (i % 9)}:5${3000 + i} - ${1000 + i} "A IN checkout.shop.svc.cluster.local. udp 52 false 512" NOERROR qr,aa,rd 108 0.00${(i % 7) + 1}s` },
  },
  {
    namespace: 'kube-system', pod: 'aws-node-7hq4z', node: 0, image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.3',
    containers: {
      'aws-node': (i) => `{"level":"info","ts":"${iso(i)}","caller":"ipamd/ipamd.go:${600 + i}","msg":"IP pool stats: total=28, used=${5 + (i % 6)}, c.maxIPsPerENI=14"}`,
      'aws-eks-nodeagent': (i) => `{"level":"info","ts":"${iso(i)}","logger":"controllers.policyEndpoints","msg":"Reconciling","resource":"shop/checkout-policy-${i % 3}"}`,
    },
  },
  {
    namespace: 'kube-system', pod: 'kube-proxy-2lwnf', node: 1, image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.30.0',
    containers: { 'kube-proxy': (i) => `I1121 ${hhmmss(i)}.${String(100000 + i).slice(1)}       1 proxier.go:${790 + (i % 40)}] "SyncProxyRules complete" elapsed="${40 + (i % 30)}.2ms"` },
  },
  {
    namespace: 'shop', pod: 'checkout-6c9f8d7b5-abcde', node: 0, image: 'registry.example.com/shop/checkout:2.14.0',
    containers: {
      app: (i) => (i % 11 === 7
        ? `{"level":"error","time":"${iso(i)}","msg":"payment authorization failed","order":"o-${48210 + i}","err":"ledger: context deadline exceeded"}`
        : `{"level":"info","time":"${iso(i)}","msg":"POST /api/checkout 201","order":"o-${48210 + i}","duration_ms":${30 + (i % 50)}}`),
      'istio-proxy': (i) => `[${iso(i)}] "POST /api/checkout HTTP/1.1" ${i % 11 === 7 ? 502 : 201} - via_upstream - "-" 412 ${i % 11 === 7 ? 0 : 96} ${30 + (i % 50)} ${28 + (i % 50)} "10.0.1.${40 + (i % 9)}" "shop-web/3.1" "req-${(i * 7919).toString(16)}" "checkout.shop.svc.cluster.local:8080"`,
    },
  },
  {
    namespace: 'shop', pod: 'cart-7f9c6b8d4-q2w3e', node: 1, image: 'registry.example.com/shop/cart:1.9.3',
    containers: { app: (i) => `{"level":"info","time":"${iso(i)}","msg":"GET /api/cart 200","cart":"c-${9100 + (i % 40)}","items":${1 + (i % 5)},"duration_ms":${4 + (i % 9)}}` },
  },
  {
    namespace: 'payments', pod: 'ledger-0', node: 1, image: 'registry.example.com/payments/ledger:5.0.2',
    containers: {
      ledger: (i) => (i % 11 === 7
        ? `{"level":"warn","time":"${iso(i)}","msg":"slow commit","tx":"t-${77000 + i}","duration_ms":${2400 + i}}`
        : `{"level":"info","time":"${iso(i)}","msg":"committed","tx":"t-${77000 + i}","duration_ms":${8 + (i % 20)}}`),
      'metrics-exporter': (i) => `level=info ts=${iso(i)} caller=exporter.go:${120 + (i % 5)} msg="scrape ok" series=${1800 + (i % 60)}`,
    },
  },
];

const UNIT_LINES = {
  kubelet: (i, node) => `I1121 ${hhmmss(i)}.000000    2871 kubelet.go:${2400 + (i % 60)}] "SyncLoop (PLEG): event for pod" pod="shop/checkout-6c9f8d7b5-abcde" event={"ID":"${id(`pod${i}`).slice(0, 8)}","Type":"ContainerStarted"} node="${node}"`,
  containerd: (i) => `time="${iso(i)}" level=info msg="ImageCreate event name:\\"registry.example.com/shop/checkout:2.14.0\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
  docker: (i) => `time="${iso(i)}" level=info msg="Processing signal 'terminated'" pid=${1000 + i}`,
};

// Timestamps inside the messages: a fixed clock set by seed() so lines and events agree.
let clock = Date.now();
const iso = (i) => new Date(clock + i).toISOString();
const hhmmss = (i) => new Date(clock + i).toISOString().slice(11, 19);
function id(seed) {
  return createHash('sha256').update(seed).digest('hex');
}

/** `kubernetes.var.log.containers.<pod>_<namespace>_<container>-<id>.log` (use_tag_as_stream). */
export function containerStreamName(p, container) {
  return `kubernetes.var.log.containers.${p.pod}_${p.namespace}_${container}-${id(`${CLUSTER}/${p.namespace}/${p.pod}/${container}`)}.log`;
}

function containerRecord(p, container, message, time) {
  clock = time;
  return JSON.stringify({
    stream: 'stdout',
    logtag: 'F',
    message,
    docker: { container_id: id(`${CLUSTER}/${p.namespace}/${p.pod}/${container}`) },
    kubernetes: {
      container_name: container,
      namespace_name: p.namespace,
      pod_name: p.pod,
      container_image: p.image,
      pod_id: id(`pod/${p.pod}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5'),
      host: NODES[p.node],
      labels: { app: p.pod.split('-')[0] },
      namespace_labels: { 'kubernetes.io/metadata.name': p.namespace },
    },
  });
}

function journalRecord(unit, node, message) {
  return JSON.stringify({
    _HOSTNAME: node,
    _SYSTEMD_UNIT: `${unit}.service`,
    _TRANSPORT: 'stdout',
    PRIORITY: '6',
    SYSLOG_IDENTIFIER: unit,
    MESSAGE: message,
  });
}

/**
 * The two groups with `perStream` events in each stream, spread over the last half hour
 * (moto keeps them in time order; the newest is a few seconds old).
 */
export function seedGroups(perStream = 20, now = Date.now()) {
  const spacing = Math.floor((30 * 60_000) / perStream);
  const times = (offsetMs) => Array.from({ length: perStream }, (_, i) => now - offsetMs - (perStream - 1 - i) * spacing);
  const containerStreams = [];
  let offset = 5_000;
  for (const p of PODS) {
    for (const [container, line] of Object.entries(p.containers)) {
      offset += 1_700;
      containerStreams.push({
        name: containerStreamName(p, container),
        events: times(offset).map((t, i) => ({ timestamp: t, message: containerRecord(p, container, line(i), t) })),
      });
    }
  }
  const systemdStreams = [];
  for (const node of NODES) {
    for (const unit of UNITS) {
      offset += 900;
      systemdStreams.push({
        name: `${unit}-${node}`,
        events: times(offset).map((t, i) => {
          clock = t;
          return { timestamp: t, message: journalRecord(unit, node, UNIT_LINES[unit](i, node)) };
        }),
      });
    }
  }
  return [
    { name: CONTAINERS_GROUP, streams: containerStreams },
    { name: SYSTEMD_GROUP, streams: systemdStreams },
  ];
}

/**
 * The next live event: the checkout app and its sidecar most of the time, now and then the
 * ledger or the kubelet — enough for a tail to show something moving.
 */
export function liveEvent(n, now = Date.now()) {
  const i = 1000 + n;
  const pick = n % 6;
  if (pick === 5) {
    const node = NODES[n % NODES.length];
    clock = now;
    return { group: SYSTEMD_GROUP, stream: `kubelet-${node}`, event: { timestamp: now, message: journalRecord('kubelet', node, UNIT_LINES.kubelet(i, node)) } };
  }
  const [p, container] =
    pick === 4 ? [PODS[5], 'ledger'] : pick % 2 === 0 ? [PODS[3], 'app'] : [PODS[3], 'istio-proxy'];
  clock = now;
  const message = p.containers[container](i);
  return { group: CONTAINERS_GROUP, stream: containerStreamName(p, container), event: { timestamp: now, message: containerRecord(p, container, message, now) } };
}

/** The 64-hex container id in a container's stream name (and in its pod's containerStatuses). */
export function containerIdOf(p, container) {
  return id(`${CLUSTER}/${p.namespace}/${p.pod}/${container}`);
}

/**
 * Pods for the local kube-apiserver, so the explorer can compare streams with running pods:
 * every seeded pod runs except the cart pod (deleted since: its streams show as "gone"), and a
 * search pod runs that ships nothing (listed under "not shipping logs"). Each entry is the pod
 * to create and the status a kubelet would report.
 */
export function kubePods() {
  const running = PODS.filter((p) => !p.pod.startsWith('cart-')).map((p) => ({ ...p, names: Object.keys(p.containers) }));
  running.push({ namespace: 'shop', pod: 'search-api-5b7d9c8f6-x1y2z', node: 1, image: 'registry.example.com/shop/search-api:0.7.1', names: ['api'] });
  return running.map((p) => ({
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.pod, namespace: p.namespace, labels: { app: p.pod.split('-')[0] } },
      spec: {
        nodeName: NODES[p.node],
        automountServiceAccountToken: false,
        containers: p.names.map((name) => ({ name, image: p.image })),
      },
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: p.names.map((name) => ({
        name,
        ready: true,
        restartCount: 0,
        image: p.image,
        imageID: p.image,
        containerID: `containerd://${containerIdOf(p, name)}`,
        state: { running: { startedAt: new Date(Date.now() - 3 * 3600_000).toISOString() } },
      })),
    },
  }));
}
