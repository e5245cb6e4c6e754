// What the CloudWatch Logs tree shows, without VS Code: log groups (a page at a time, filtered
// by prefix) → pods / node services / other streams / pods not shipping logs → streams. Pages
// are fetched only when a node is expanded or "Load more…" is chosen. src/ui/cloudwatch turns
// these nodes into TreeItems.
import type { ClassifiedError, ErrorContext } from './errors';
import type { PageSource } from './pager';
import { groupStreams, type NodeServiceStream, type PodGroup, type StreamGrouping } from './pod-grouping';
import { compareWithRunningPods, type PodShippingReport, type PodState, type RunningPod } from './pod-shipping';
import type { GroupInfo, StreamInfo } from './types';

export type TreeNode =
  | { kind: 'group'; id: string; group: GroupInfo }
  | { kind: 'pod'; id: string; group: GroupInfo; pod: PodGroup; state?: PodState }
  | { kind: 'stream'; id: string; group: GroupInfo; stream: StreamInfo; label: string; detail?: string }
  | { kind: 'nodeServices'; id: string; group: GroupInfo; items: NodeServiceStream[] }
  | { kind: 'otherStreams'; id: string; group: GroupInfo; items: StreamInfo[] }
  | { kind: 'notShipping'; id: string; group: GroupInfo }
  | { kind: 'notShippingPod'; id: string; group: GroupInfo; pod: RunningPod; missingContainers?: string[] }
  | { kind: 'loadMore'; id: string; group?: GroupInfo }
  | {
      kind: 'message';
      id: string;
      text: string;
      tooltip?: string;
      severity: 'info' | 'error' | 'loading';
      problem?: ClassifiedError['kind'];
    };

/** The tree node of one kind. */
export type NodeOf<K extends TreeNode['kind']> = Extract<TreeNode, { kind: K }>;

export interface TreeModelDeps {
  groupPager(prefix: string): PageSource<GroupInfo>;
  streamPager(groupName: string): PageSource<StreamInfo>;
  /** running pods of the current kube context; undefined when there is no cluster to ask */
  runningPods?(): Promise<RunningPod[] | undefined>;
  classify(err: unknown, ctx: ErrorContext): ClassifiedError;
  /** every failure, once per load; the UI decides whether to notify */
  onError?(error: ClassifiedError, scope: string): void;
}

interface GroupState {
  pager: PageSource<StreamInfo>;
  streams: StreamInfo[];
  grouping?: StreamGrouping;
  error?: ClassifiedError;
  loading?: Promise<void>;
  /** "not shipping" needs every stream: set while the remaining pages are being read */
  scanning?: Promise<void>;
}

/** At most this many streams are read to answer "which pods ship no logs" (5 req/s: ~40 s). */
export const NOT_SHIPPING_SCAN_LIMIT = 10_000;

export class CloudWatchTreeModel {
  private prefix = '';
  private groupPager: PageSource<GroupInfo> | undefined;
  private groups: GroupInfo[] = [];
  private groupsError: ClassifiedError | undefined;
  private groupsLoading: Promise<void> | undefined;
  private readonly groupStates = new Map<string, GroupState>();
  private pods: Promise<RunningPod[] | undefined> | undefined;
  private readonly listeners = new Set<(node?: TreeNode) => void>();

  constructor(private readonly deps: TreeModelDeps) {}

  onDidChange(listener: (node?: TreeNode) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(node?: TreeNode): void {
    for (const l of this.listeners) l(node);
  }

  get groupPrefix(): string {
    return this.prefix;
  }

  /** Forget everything loaded; the next expansion fetches fresh pages. */
  refresh(prefix = this.prefix): void {
    this.prefix = prefix;
    this.groupPager = undefined;
    this.groups = [];
    this.groupsError = undefined;
    this.groupsLoading = undefined;
    this.groupStates.clear();
    this.pods = undefined;
    this.changed();
  }

  /** Ask the cluster for its running pods again (the groups and streams stay as loaded). */
  refreshPods(): void {
    this.pods = undefined;
    this.changed();
  }

  async roots(): Promise<TreeNode[]> {
    if (!this.groupPager) {
      this.groupPager = this.deps.groupPager(this.prefix);
      await this.loadGroups();
    } else if (this.groupsLoading) {
      await this.groupsLoading;
    }
    const nodes: TreeNode[] = this.groups.map((group) => groupNode(group));
    if (this.groupsError) nodes.push(errorNode('groups', this.groupsError));
    else if (!this.groupPager.done) nodes.push({ kind: 'loadMore', id: 'more:groups' });
    else if (!nodes.length) {
      nodes.push({
        kind: 'message',
        id: 'msg:no-groups',
        severity: 'info',
        text: this.prefix ? `No log groups start with "${this.prefix}"` : 'No log groups in this account and region',
        tooltip: 'Change the filter (fluentd.cloudwatch.logGroupPrefix) or the region/profile.',
      });
    }
    return nodes;
  }

  async children(node: TreeNode): Promise<TreeNode[]> {
    switch (node.kind) {
      case 'group':
        return this.groupChildren(node.group);
      case 'pod':
        return node.pod.streams.map((s) => {
          const sameContainer = node.pod.streams.filter((x) => x.container === s.container).length > 1;
          return {
            kind: 'stream',
            id: `stream:${node.group.logGroupName}|${s.stream.logStreamName}`,
            group: node.group,
            stream: s.stream,
            label: sameContainer ? `${s.container} (${s.containerId.slice(0, 12)})` : s.container,
          };
        });
      case 'nodeServices':
        return node.items.map((n) => ({
          kind: 'stream',
          id: `stream:${node.group.logGroupName}|${n.stream.logStreamName}`,
          group: node.group,
          stream: n.stream,
          label: n.unit,
          detail: n.host,
        }));
      case 'otherStreams':
        return node.items.map((s) => ({
          kind: 'stream',
          id: `stream:${node.group.logGroupName}|${s.logStreamName}`,
          group: node.group,
          stream: s,
          label: s.logStreamName,
        }));
      case 'notShipping':
        return this.notShippingChildren(node.group);
      default:
        return [];
    }
  }

  /** "Load more…": the next page of groups, or of the streams of `group`. */
  async loadMore(group?: GroupInfo): Promise<void> {
    if (!group) {
      await this.loadGroups();
      this.changed();
      return;
    }
    const st = this.groupStates.get(group.logGroupName);
    if (!st) return;
    await this.loadStreams(group, st);
    this.changed(groupNode(group));
  }

  private loadGroups(): Promise<void> {
    if (this.groupsLoading) return this.groupsLoading;
    const pager = this.groupPager!;
    this.groupsLoading = (async () => {
      try {
        const page = await pager.next();
        if (pager === this.groupPager) {
          this.groups.push(...page.items);
          this.groupsError = undefined;
        }
      } catch (e) {
        if (pager !== this.groupPager) return;
        this.groupsError = this.deps.classify(e, { operation: 'DescribeLogGroups' });
        this.deps.onError?.(this.groupsError, 'groups');
      } finally {
        if (pager === this.groupPager) this.groupsLoading = undefined;
      }
    })();
    return this.groupsLoading;
  }

  private state(group: GroupInfo): GroupState {
    let st = this.groupStates.get(group.logGroupName);
    if (!st) {
      st = { pager: this.deps.streamPager(group.logGroupName), streams: [] };
      this.groupStates.set(group.logGroupName, st);
    }
    return st;
  }

  private loadStreams(group: GroupInfo, st: GroupState): Promise<void> {
    if (st.loading) return st.loading;
    st.loading = (async () => {
      try {
        const page = await st.pager.next();
        st.streams.push(...page.items);
        st.grouping = groupStreams(st.streams);
        st.error = undefined;
      } catch (e) {
        st.error = this.deps.classify(e, { operation: 'DescribeLogStreams', resource: `log group ${group.logGroupName}` });
        this.deps.onError?.(st.error, `group:${group.logGroupName}`);
      } finally {
        st.loading = undefined;
      }
    })();
    return st.loading;
  }

  private runningPods(): Promise<RunningPod[] | undefined> {
    this.pods ??= (this.deps.runningPods?.() ?? Promise.resolve(undefined)).catch(() => undefined);
    return this.pods;
  }

  private async groupChildren(group: GroupInfo): Promise<TreeNode[]> {
    const st = this.state(group);
    if (!st.grouping && !st.error) await this.loadStreams(group, st);
    const g = st.grouping ?? { pods: [], nodeServices: [], other: [] };
    const running = await this.runningPods();
    const report = running ? compareWithRunningPods(g, running, { complete: st.pager.done }) : undefined;
    const gid = group.logGroupName;
    const nodes: TreeNode[] = g.pods.map((pod) => ({
      kind: 'pod',
      id: `pod:${gid}|${pod.key}`,
      group,
      pod,
      state: report?.states.get(pod.key),
    }));
    if (g.nodeServices.length) nodes.push({ kind: 'nodeServices', id: `node:${gid}`, group, items: g.nodeServices });
    if (g.other.length) nodes.push({ kind: 'otherStreams', id: `other:${gid}`, group, items: g.other });
    if (running && g.pods.length) nodes.push({ kind: 'notShipping', id: `notShipping:${gid}`, group });
    if (st.error) nodes.push(errorNode(`group:${gid}`, st.error));
    else if (!st.pager.done) nodes.push({ kind: 'loadMore', id: `more:${gid}`, group });
    else if (!st.streams.length) nodes.push({ kind: 'message', id: `msg:empty:${gid}`, severity: 'info', text: 'No log streams' });
    return nodes;
  }

  private async notShippingChildren(group: GroupInfo): Promise<TreeNode[]> {
    const st = this.state(group);
    const running = await this.runningPods();
    if (!running)
      return [{ kind: 'message', id: `msg:nokube:${group.logGroupName}`, severity: 'info', text: 'No Kubernetes cluster to compare with' }];
    // every stream is needed to say a pod ships nothing; read the remaining pages once
    if (!st.pager.done && st.streams.length < NOT_SHIPPING_SCAN_LIMIT && !st.error) {
      st.scanning ??= (async () => {
        while (!st.pager.done && st.streams.length < NOT_SHIPPING_SCAN_LIMIT && !st.error) {
          await this.loadStreams(group, st);
        }
      })().finally(() => {
        st.scanning = undefined;
        this.changed(groupNode(group));
      });
      await st.scanning;
    }
    const report: PodShippingReport = compareWithRunningPods(st.grouping ?? groupStreams(st.streams), running, { complete: st.pager.done });
    const nodes: TreeNode[] = [];
    const gid = group.logGroupName;
    if (!report.complete) {
      nodes.push({
        kind: 'message',
        id: `msg:partial:${gid}`,
        severity: 'info',
        text: `Compared with the newest ${st.streams.length} streams only`,
        tooltip: 'A pod listed here may still ship into an older stream that was not read.',
      });
    }
    for (const pod of report.notShipping) nodes.push({ kind: 'notShippingPod', id: `ns:${gid}|${pod.namespace}/${pod.name}`, group, pod });
    for (const m of report.missingContainers) {
      nodes.push({
        kind: 'notShippingPod',
        id: `ns:${gid}|${m.pod.namespace}/${m.pod.name}`,
        group,
        pod: m.pod,
        missingContainers: m.containers,
      });
    }
    if (!report.notShipping.length && !report.missingContainers.length) {
      nodes.push({
        kind: 'message',
        id: `msg:allship:${gid}`,
        severity: 'info',
        text: `All ${running.length} running pods ship logs here`,
      });
    }
    return nodes;
  }
}

function groupNode(group: GroupInfo): TreeNode {
  return { kind: 'group', id: `group:${group.logGroupName}`, group };
}

function errorNode(scope: string, error: ClassifiedError): TreeNode {
  return { kind: 'message', id: `err:${scope}`, severity: 'error', text: error.message, tooltip: error.detail, problem: error.kind };
}
