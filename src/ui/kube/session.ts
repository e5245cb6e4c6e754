// State the kube commands share: the output channel, the chosen kube context (remembered per
// workspace, never written to the user's kubeconfig), the templates, the status bar, the prompts.
import * as vscode from 'vscode';
import {
  ConfigFilesError,
  DEFAULT_TOPOLOGY,
  findManifestsDir,
  isTopologyId,
  TOPOLOGIES,
  KubeClient,
  KubeError,
  loadKubeconfig,
  loadTemplates,
  SettingsError,
  type LoadedKubeconfig,
  type ManifestTemplates,
  type TopologyId,
} from '../../kube';
import { PreviewDocuments } from './preview-documents';
import { windowPrompts, type KubePrompts } from './prompts';
import { DeployStatusBar } from './status-bar';

const CONTEXT_KEY = 'fluentd.deploy.kubeContext';
const TOPOLOGY_KEY = 'fluentd.deploy.topology';

export class KubeSession implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Fluentd Deploy');
  readonly statusBar = new DeployStatusBar();
  readonly previews = new PreviewDocuments();
  prompts: KubePrompts = windowPrompts;
  private cachedTemplates: ManifestTemplates | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** media/manifests of the extension (the bundled configs), or undefined when it cannot be found. */
  get manifestsDir(): string | undefined {
    try {
      return findManifestsDir(this.context.extensionPath);
    } catch {
      return undefined;
    }
  }

  get templates(): ManifestTemplates {
    this.cachedTemplates ??= loadTemplates(findManifestsDir(this.context.extensionPath));
    return this.cachedTemplates;
  }

  get selectedContext(): string | undefined {
    return this.context.workspaceState.get<string>(CONTEXT_KEY);
  }

  async selectContext(name: string | undefined): Promise<void> {
    await this.context.workspaceState.update(CONTEXT_KEY, name);
  }

  /** The topology last chosen in this workspace (the node agent until one is). */
  get topology(): TopologyId {
    const saved = this.context.workspaceState.get<string>(TOPOLOGY_KEY);
    return isTopologyId(saved) ? saved : DEFAULT_TOPOLOGY;
  }

  /** Asks for the topology, the remembered one first; remembers the answer. Undefined when dismissed. */
  async pickTopology(purpose: string): Promise<TopologyId | undefined> {
    const current = this.topology;
    const ordered = [...TOPOLOGIES].sort((a, b) => Number(b.id === current) - Number(a.id === current));
    const items = ordered.map((t) => ({ label: t.label, description: t.id === current ? 'last used' : '', detail: t.detail, id: t.id }));
    const picked = await this.prompts.pick(items, `Fluentd topology to ${purpose}`);
    const id = (picked as { id?: TopologyId } | undefined)?.id;
    if (id) await this.context.workspaceState.update(TOPOLOGY_KEY, id);
    return id;
  }

  /** The kubeconfig with the chosen context; a chosen context that vanished falls back to the current one. */
  async kubeconfig(): Promise<LoadedKubeconfig> {
    const chosen = this.selectedContext;
    try {
      return await loadKubeconfig({ context: chosen });
    } catch (err) {
      if (chosen && err instanceof KubeError && err.kind === 'kubeconfig-invalid' && err.message.includes(`"${chosen}"`)) {
        await this.selectContext(undefined);
        this.log(`Kube context "${chosen}" is gone from the kubeconfig; using its current context.`);
        return loadKubeconfig();
      }
      throw err;
    }
  }

  async connect(): Promise<{ loaded: LoadedKubeconfig; client: KubeClient }> {
    const loaded = await this.kubeconfig();
    return { loaded, client: await KubeClient.create(loaded.kc) };
  }

  log(text: string): void {
    this.output.appendLine(text);
  }

  /** The deploy output in front; the status bar's final word has been seen, so it goes. */
  showResult(): void {
    this.output.show(true);
    this.statusBar.dismiss();
  }

  /** The commands' one way of telling the user something failed: a notification and the details in the output. */
  reportError(what: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.log(`${what} failed: ${message}`);
    const actions: string[] = [];
    if (err instanceof SettingsError) actions.push('Open Settings');
    if (err instanceof KubeError && (err.kind === 'no-kubeconfig' || err.kind === 'kubeconfig-invalid'))
      actions.push('Select Kube Context');
    const first = err instanceof SettingsError || err instanceof ConfigFilesError ? message.split('\n').join(' ') : message;
    // Not awaited: a notification stays until the user closes it; the command is done now.
    void this.prompts.notify('error', `${what} failed: ${first}`, ...actions, 'Show Output').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'fluentd.deploy');
      if (choice === 'Select Kube Context') void vscode.commands.executeCommand('fluentd.deploy.selectContext');
      if (choice === 'Show Output') this.showResult();
    });
  }

  /** Deploy commands touch a cluster with the workspace's config: never in an untrusted workspace. */
  async requireTrust(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    void this.prompts.notify('error', 'Fluentd deploy commands are disabled in untrusted workspaces. Trust this workspace to use them.');
    return false;
  }

  dispose(): void {
    this.output.dispose();
    this.statusBar.dispose();
    this.previews.dispose();
  }
}
