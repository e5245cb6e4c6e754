// Everything the CloudWatch commands ask or tell the user goes through this seam, so the logic
// around it can run (and be driven by a test) without a person at the keyboard.
import * as vscode from 'vscode';

export interface CloudWatchPrompts {
  pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined>;
  input(prompt: string, value: string, placeHolder?: string): Promise<string | undefined>;
  notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined>;
  copy(text: string): Promise<void>;
}

export const windowPrompts: CloudWatchPrompts = {
  pick: (items, placeHolder) => Promise.resolve(vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true })),
  input: (prompt, value, placeHolder) => Promise.resolve(vscode.window.showInputBox({ prompt, value, placeHolder })),
  notify(kind, message, ...actions) {
    const show =
      kind === 'error'
        ? vscode.window.showErrorMessage
        : kind === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, ...actions));
  },
  copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
};

/** Answers from a queue (pick: a label, input: a string, notify: an action); empty = dismissed. */
export class ScriptedCloudWatchPrompts implements CloudWatchPrompts {
  readonly log: { kind: string; message: string; options?: string[] }[] = [];
  readonly copied: string[] = [];
  private readonly answers: unknown[] = [];

  queue(answers: unknown[]): void {
    this.answers.push(...answers);
  }

  private next(): unknown {
    return this.answers.length ? this.answers.shift() : undefined;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined> {
    this.log.push({ kind: 'pick', message: placeHolder, options: items.map((i) => i.label) });
    const a = this.next();
    return items.find((i) => i.label === a);
  }

  async input(prompt: string): Promise<string | undefined> {
    this.log.push({ kind: 'input', message: prompt });
    const a = this.next();
    return typeof a === 'string' ? a : undefined;
  }

  async notify(kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Promise<string | undefined> {
    this.log.push({ kind, message, options: actions });
    if (!actions.length) return undefined;
    const a = this.next();
    return typeof a === 'string' && actions.includes(a) ? a : undefined;
  }

  async copy(text: string): Promise<void> {
    this.copied.push(text);
  }
}
