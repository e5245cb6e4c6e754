// Running pod-log sessions: one output channel each ("Fluentd Pods", "Pods: Deployment shop/web"),
// starting a session with a title already running replaces it in the same channel. Sessions of
// Fluentd's own pods link its problems to the workspace config (PodLogDiagnostics), rebuilt when
// a config file is saved.
import * as vscode from 'vscode';
import { PodConfigLinks, PodLogSession, type KubeClient, type PodLogSessionOptions } from '../../kube';
import { nodeFileSystem } from '../../language/node-file-system';
import { PodLogDiagnostics } from './pod-log-diagnostics';
import { configFilePath, configSettingPath } from './settings';

export interface RunningPodLog {
  title: string;
  channel: vscode.OutputChannel;
  session: PodLogSession;
  /** The config its findings are linked to when a pod names none. */
  configRoot?: string;
  /** The config of each pod (by its deploy's annotation); undefined for a session without findings. */
  configs?: PodConfigLinks;
  /** The last lines shown (for the test seam and a quick look). */
  recent: string[];
}

const RECENT = 400;

/** The config Fluentd runs: fluentd.deploy.configFile, else the workspace's first fluent.conf. */
async function configRoot(): Promise<string | undefined> {
  try {
    const set = configFilePath();
    if (set) return set;
  } catch {
    // a relative setting without a folder: look for a fluent.conf instead
  }
  const [found] = await vscode.workspace.findFiles('**/fluent.conf', '**/node_modules/**', 1);
  return found?.fsPath;
}

export class PodLogManager implements vscode.Disposable {
  private readonly sessions = new Map<string, RunningPodLog>();
  private readonly channels = new Map<string, vscode.OutputChannel>();
  readonly diagnostics = new PodLogDiagnostics();
  private readonly saves: vscode.Disposable;

  /** `manifestsDir`: where the bundled configs are (pods deployed with one link to it). */
  constructor(private readonly manifestsDir?: () => string | undefined) {
    this.saves = vscode.workspace.onDidSaveTextDocument((doc) => void this.configSaved(doc.uri));
  }

  get running(): RunningPodLog[] {
    return [...this.sessions.values()];
  }

  /** Starts (or restarts) the session `title`; `fluentd` reads the lines as Fluentd's own log. */
  async start(
    title: string,
    client: KubeClient,
    opts: PodLogSessionOptions & { diagnosticsTtlMs?: number },
    fluentd: boolean,
  ): Promise<RunningPodLog> {
    await this.stop(title);
    let channel = this.channels.get(title);
    if (!channel) {
      channel = vscode.window.createOutputChannel(title);
      this.channels.set(title, channel);
    }
    channel.show(true);
    const root = fluentd && opts.diagnosticsTtlMs ? await configRoot() : undefined;
    const places = {
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      manifestsDir: this.manifestsDir?.(),
      settingPath: configSettingPath,
      fallback: root,
    };
    const configs = fluentd && opts.diagnosticsTtlMs ? new PodConfigLinks(places, nodeFileSystem) : undefined;
    const out = channel;
    const recent: string[] = [];
    const session = new PodLogSession(
      client,
      {
        ...opts,
        fluentd: configs && opts.diagnosticsTtlMs ? { linksFor: (pod) => configs.linksFor(pod), ttlMs: opts.diagnosticsTtlMs } : undefined,
      },
      {
        append: (text) => {
          out.append(text);
          const lines = text.split('\n');
          lines.pop();
          recent.push(...lines);
          if (recent.length > RECENT) recent.splice(0, recent.length - RECENT);
        },
        findingsChanged: () => this.diagnostics.set(title, session.findings?.diagnostics(localTime) ?? []),
      },
    );
    const where = [opts.labelSelector, opts.fieldSelector].filter(Boolean).join(', ');
    session.say(`streaming pods ${where ? `(${where}) ` : ''}in ${opts.namespace ?? 'all namespaces'}: last ${opts.tailLines} lines each`);
    if (fluentd && opts.diagnosticsTtlMs) {
      session.say(
        `Fluentd's warnings and errors are shown on the config each pod's deploy shipped (Problems, source "fluentd pods"); ` +
          (root
            ? `pods that name none: ${vscode.workspace.asRelativePath(root)}`
            : 'pods that name none are not linked: no fluent.conf in this workspace (setting fluentd.deploy.configFile)'),
      );
    }
    const running: RunningPodLog = { title, channel, session, configRoot: root, configs, recent };
    this.sessions.set(title, running);
    return running;
  }

  async stop(title?: string): Promise<number> {
    const stopping = [...this.sessions.values()].filter((s) => title === undefined || s.title === title);
    for (const s of stopping) {
      this.sessions.delete(s.title);
      this.diagnostics.set(s.title, []);
      s.session.say(`stopped (${s.session.lines} lines)`);
      await s.session.stop();
    }
    return stopping.length;
  }

  /** A saved config file of a running Fluentd session: its places are looked up again. */
  private async configSaved(uri: vscode.Uri): Promise<void> {
    for (const s of this.sessions.values()) {
      if (!s.configs?.saved(uri.fsPath)) continue;
      s.session.relink();
      this.diagnostics.set(s.title, []);
    }
  }

  dispose(): void {
    void this.stop();
    this.saves.dispose();
    this.diagnostics.dispose();
    for (const c of this.channels.values()) c.dispose();
  }
}

function localTime(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}
