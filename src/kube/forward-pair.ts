// The forward topology's two configs checked together, as they will run: the agents' forward
// output must reach the aggregator's Service on the port its forward input listens on, both sides
// must use TLS with the certificate the deploy mounts, and both must read the shared key from the
// same Secret. Each side on its own can be a valid config and the pair still never connect, so
// the deploy refuses a pair that disagrees (the bundled pair always agrees; a workspace config
// of either side may not).
import { parse } from '../language/parser';
import type { ElementNode } from '../language/parser/ast';
import { elements } from '../language/walk';
import type { ConfigFile } from './config-files';
import { resolveEmbedded } from './iam-scan';
import type { RenderedDeployment, RenderedWorkload } from './render';
import { aggregatorDnsNames, FORWARD_PORT, TLS_MOUNT } from './workload-env';

const params = (el: ElementNode) => {
  const out = new Map<string, string>();
  for (const c of el.children) if (c.kind === 'param') out.set(c.key, c.value?.text ?? '');
  return out;
};
const child = (el: ElementNode, name: string) => el.children.find((c): c is ElementNode => c.kind === 'element' && c.name === name);
const children = (el: ElementNode, name: string) => el.children.filter((c): c is ElementNode => c.kind === 'element' && c.name === name);

function typed(files: readonly ConfigFile[], directive: string, type: string): { el: ElementNode; path: string; line: number }[] {
  const out: { el: ElementNode; path: string; line: number }[] = [];
  for (const f of files) {
    for (const el of elements(parse(f.text).document.children)) {
      if (
        (el.name === directive || (directive === 'match' && el.name === 'store')) &&
        (params(el).get('@type') ?? params(el).get('type')) === type
      )
        out.push({ el, path: f.path, line: el.range.start.line + 1 });
    }
  }
  return out;
}

/** The environment variable a value reads (`"#{ENV['X']}"`, `ENV.fetch('X')`), or undefined for anything else. */
function envName(value: string | undefined): string | undefined {
  const m = /^#\{\s*ENV(?:\[\s*['"]([^'"]+)['"]\s*\]|\.fetch\(\s*['"]([^'"]+)['"]\s*\))\s*\}$/.exec((value ?? '').trim());
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Where a side reads its shared key: the Secret behind the variable, or a problem. */
function sharedKeySource(w: RenderedWorkload, security: ElementNode | undefined, where: string): { secret?: string; problem?: string } {
  const raw = security ? params(security).get('shared_key') : undefined;
  if (raw === undefined) return { problem: `${where} has no <security> shared_key: the pair would accept anyone or refuse everyone.` };
  const name = envName(raw);
  const ref = name ? w.envFromSecrets[name] : undefined;
  if (!ref) {
    return {
      problem:
        `${where} reads its shared_key from ${name ? `ENV['${name}'], which the ${w.def.name} pods do not get from a Secret` : 'a literal value'}; ` +
        `read it from ENV['FLUENTD_SHARED_KEY'] (the shared key Secret).`,
    };
  }
  return { secret: `${ref.secret}/${ref.key}` };
}

export function forwardPairProblems(d: RenderedDeployment): string[] {
  const aggregator = d.workloads.find((w) => w.def.role === 'aggregator');
  const agents = d.workloads.find((w) => w.def.role === 'forwarder');
  if (!aggregator || !agents) return [];
  const problems: string[] = [];
  const at = (x: { path: string; line: number }, w: RenderedWorkload) => `${w.def.name} ${x.path}:${x.line}`;

  const inputs = typed(aggregator.config, 'source', 'forward');
  if (!inputs.length)
    problems.push(
      `The aggregator's config (${aggregator.def.name}) has no forward input (<source> @type forward): the agents could not send to it.`,
    );
  const outputs = typed(agents.config, 'match', 'forward');
  if (!outputs.length) problems.push(`The agents' config (${agents.def.name}) has no forward output: nothing would reach the aggregator.`);

  const hosts = new Set(aggregatorDnsNames(d.namespace));
  const inputKeys = new Set<string>();
  for (const input of inputs) {
    const p = params(input.el);
    const port = Number(resolveEmbedded(p.get('port') ?? String(FORWARD_PORT), aggregator.env));
    if (port !== FORWARD_PORT)
      problems.push(`${at(input, aggregator)}: the forward input listens on ${port}, but the Service sends to ${FORWARD_PORT}.`);
    const transport = child(input.el, 'transport');
    const tp = transport ? params(transport) : new Map<string, string>();
    if (transport?.arg !== 'tls')
      problems.push(`${at(input, aggregator)}: the forward input does not use <transport tls>; the agents connect with TLS.`);
    else {
      for (const [key, file] of [
        ['cert_path', 'tls.crt'],
        ['private_key_path', 'tls.key'],
      ] as const) {
        if (resolveEmbedded(tp.get(key) ?? '', aggregator.env) !== `${TLS_MOUNT}/${file}`)
          problems.push(`${at(input, aggregator)}: <transport tls> ${key} must be ${TLS_MOUNT}/${file} (the TLS Secret is mounted there).`);
      }
    }
    const key = sharedKeySource(aggregator, child(input.el, 'security'), at(input, aggregator));
    if (key.problem) problems.push(key.problem);
    if (key.secret) inputKeys.add(key.secret);
  }

  for (const output of outputs) {
    const p = params(output.el);
    if (p.get('transport') !== 'tls')
      problems.push(`${at(output, agents)}: the forward output does not use transport tls; the aggregator only accepts TLS.`);
    else {
      // an array parameter: `a,b` or `["a","b"]`
      const paths = (p.get('tls_cert_path') ?? '').split(/[\s,[\]"]+/).filter(Boolean);
      if (!paths.some((x) => resolveEmbedded(x, agents.env) === `${TLS_MOUNT}/ca.crt`))
        problems.push(`${at(output, agents)}: tls_cert_path must include ${TLS_MOUNT}/ca.crt, the aggregator's certificate.`);
      if (['true', 'yes', ''].includes(p.get('tls_insecure_mode') ?? 'false'))
        problems.push(`${at(output, agents)}: tls_insecure_mode skips checking the aggregator's certificate; remove it.`);
    }
    const servers = children(output.el, 'server');
    if (!servers.length) problems.push(`${at(output, agents)}: the forward output has no <server>.`);
    for (const server of servers) {
      const sp = params(server);
      const host = resolveEmbedded(sp.get('host') ?? '', agents.env);
      const port = Number(resolveEmbedded(sp.get('port') ?? String(FORWARD_PORT), agents.env));
      if (!hosts.has(host))
        problems.push(`${at(output, agents)}: <server> host ${host || '(none)'} is not the aggregator's Service (${[...hosts][0]}).`);
      if (port !== FORWARD_PORT)
        problems.push(`${at(output, agents)}: <server> port ${port} is not the aggregator's port ${FORWARD_PORT}.`);
    }
    const key = sharedKeySource(agents, child(output.el, 'security'), at(output, agents));
    if (key.problem) problems.push(key.problem);
    if (key.secret && inputKeys.size && !inputKeys.has(key.secret))
      problems.push(
        `${at(output, agents)}: the agents read the shared key from ${key.secret}, the aggregator from ${[...inputKeys].join(', ')}.`,
      );
  }
  return problems;
}
