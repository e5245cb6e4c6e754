// Everything the kube commands ask or tell the user goes through here, so an integration test
// can answer instead of a person: `fluentd.deploy.testing.answer` (registered only outside
// production mode, never contributed to the palette) queues answers and records the questions.
import * as vscode from 'vscode';

export interface KubePrompts {
  /** Modal confirmation; true when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Modal question with several actions; the chosen one, undefined when cancelled. */
  choose(message: string, detail: string, actions: string[]): Promise<string | undefined>;
  pick(items: vscode.QuickPickItem[], placeHolder: string): Promise<vscode.QuickPickItem | undefined>;
  saveLocation(defaultUri: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined>;
  /** A notification; resolves with the chosen action (undefined when dismissed). */
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
}

export const windowPrompts: KubePrompts = {
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  async choose(message, detail, actions) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
  pick: (items, placeHolder) => Promise.resolve(vscode.window.showQuickPick(items, { placeHolder })),
  saveLocation: (defaultUri, title) =>
    Promise.resolve(vscode.window.showSaveDialog({ defaultUri, title, filters: { YAML: ['yaml', 'yml'] } })),
  notify(kind, message, ...actions) {
    const show =
      kind === 'error'
        ? vscode.window.showErrorMessage
        : kind === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, ...actions));
  },
};

/** What a scripted run was asked, in order: `confirm: …`, `choose: …`, `pick: …`, `save: …`, `info: …`. */
export interface PromptRecord {
  kind: string;
  message: string;
  detail?: string;
  options?: string[];
}

/**
 * Answers from a queue: confirm takes true/false, pick a label, save a file path, notify an
 * action or null. An empty queue means "dismissed" (false / undefined).
 */
export class ScriptedPrompts implements KubePrompts {
  readonly log: PromptRecord[] = [];
  private readonly answers: unknown[] = [];

  queue(answers: unknown[]): void {
    this.answers.push(...answers);
  }

  private next(): unknown {
    return this.answers.length ? this.answers.shift() : undefined;
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.log.push({ kind: 'confirm', message, detail, options: [action] });
    return this.next() === true;
  }

  /** Answers: an action's label, or true for the first action. */
  async choose(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    this.log.push({ kind: 'choose', message, detail, options: actions });
    const answer = this.next();
    if (answer === true) return actions[0];
    return typeof answer === 'string' && actions.includes(answer) ? answer : undefined;
  }

  async pick(items: vscode.QuickPickItem[], placeHolder: string): Promise<vscode.QuickPickItem | undefined> {
    this.log.push({ kind: 'pick', message: placeHolder, options: items.map((i) => i.label) });
    const answer = this.next();
    // by label, or by the item's id when it has one (a topology id, say)
    return items.find((i) => i.label === answer || (i as { id?: unknown }).id === answer);
  }

  async saveLocation(_defaultUri: vscode.Uri | undefined, title: string): Promise<vscode.Uri | undefined> {
    this.log.push({ kind: 'save', message: title });
    const answer = this.next();
    return typeof answer === 'string' ? vscode.Uri.file(answer) : undefined;
  }

  async notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined> {
    this.log.push({ kind, message, options: actions });
    // shown for real too (not awaited: the answer comes from the queue), so screenshots show it
    void windowPrompts.notify(kind, message, ...actions);
    if (!actions.length) return undefined;
    const answer = this.next();
    return typeof answer === 'string' && actions.includes(answer) ? answer : undefined;
  }
}
