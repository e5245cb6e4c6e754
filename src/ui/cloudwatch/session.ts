// State the CloudWatch commands and views share: settings, the SDK client (rebuilt when the
// region/profile/endpoint change), the tree model, the tails, the history documents, and one
// place that turns errors into a tree node plus at most one notification.
import * as vscode from 'vscode';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createLogsClient, resolvedRegion } from '../../cloudwatch/client';
import { classifyAwsError, NotifyOnce, type ClassifiedError, type ErrorContext } from '../../cloudwatch/errors';
import { logGroupPager } from '../../cloudwatch/log-groups';
import { logStreamPager } from '../../cloudwatch/log-streams';
import { sharedLimiters } from '../../cloudwatch/rate-limiter';
import { CloudWatchTreeModel } from '../../cloudwatch/tree-model';
import { windowPrompts, type CloudWatchPrompts } from './prompts';
import type { RunningPodsGate } from '../../cloudwatch/running-pods-gate';
import { runningPodsGate } from './running-pods';
import { readCloudWatchConfig, type CloudWatchConfig } from './settings';

export const CHOOSE_REGION_PROFILE = 'Choose Region/Profile';

export class CloudWatchSession implements vscode.Disposable {
  readonly log = vscode.window.createOutputChannel('Fluentd CloudWatch');
  readonly notifyOnce = new NotifyOnce();
  readonly model: CloudWatchTreeModel;
  readonly pods: RunningPodsGate;
  prompts: CloudWatchPrompts = windowPrompts;
  private config_: CloudWatchConfig;
  private client_: CloudWatchLogsClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.config_ = readCloudWatchConfig();
    this.pods = runningPodsGate(
      context,
      () => this.prompts,
      (l) => this.log.appendLine(l),
      () => this.model.refreshPods(),
    );
    this.model = new CloudWatchTreeModel({
      groupPager: (prefix) => logGroupPager(this.client(), { prefix }),
      streamPager: (group) => logStreamPager(this.client(), group),
      runningPods: () => this.pods.list(),
      classify: (err, ctx) => this.classify(err, ctx),
      onError: (err, scope) => this.report(err, scope),
    });
    this.model.refresh(this.config_.cloudwatch.logGroupPrefix);
    this.warnAboutSettings();
  }

  get config(): CloudWatchConfig {
    return this.config_;
  }

  /** The client for the current settings; built on first use. */
  client(): CloudWatchLogsClient {
    this.client_ ??= createLogsClient({ ...this.config_.aws, rateLimit: sharedLimiters });
    return this.client_;
  }

  async region(): Promise<string | undefined> {
    return resolvedRegion(this.client());
  }

  /**
   * Settings changed: problems reported again; when the account, endpoint or group filter
   * changed, a new client and a fresh tree (how tails look does not need one).
   */
  reload(): void {
    const before = this.config_;
    this.config_ = readCloudWatchConfig();
    this.notifyOnce.clear();
    this.warnAboutSettings();
    const same = JSON.stringify(before.aws) === JSON.stringify(this.config_.aws);
    if (same && before.cloudwatch.logGroupPrefix === this.config_.cloudwatch.logGroupPrefix) return;
    this.client_?.destroy();
    this.client_ = undefined;
    this.model.refresh(this.config_.cloudwatch.logGroupPrefix);
  }

  classify(err: unknown, ctx: ErrorContext = {}): ClassifiedError {
    const { aws } = this.config_;
    return classifyAwsError(err, { profile: aws.profile, region: aws.region, endpoint: aws.endpoint, ...ctx });
  }

  /** Logs every problem; notifies once per distinct problem, offering the fix where there is one. */
  report(err: ClassifiedError, scope = ''): void {
    if (err.kind === 'aborted') return;
    this.log.appendLine(`[${new Date().toISOString()}] ${err.message}${err.detail ? `\n    ${err.detail}` : ''}`);
    if (!this.notifyOnce.shouldNotify(err, scope.startsWith('tail:') ? scope : '')) return;
    const fixable =
      err.kind === 'no-region' || err.kind === 'no-credentials' || err.kind === 'invalid-credentials' || err.kind === 'expired-token';
    const actions = fixable ? [CHOOSE_REGION_PROFILE] : [];
    void this.prompts.notify(err.retryable ? 'warning' : 'error', err.message, ...actions).then((a) => {
      if (a === CHOOSE_REGION_PROFILE) void vscode.commands.executeCommand('fluentd.cloudwatch.chooseRegionProfile');
    });
  }

  private warnAboutSettings(): void {
    for (const p of this.config_.problems) {
      this.log.appendLine(`Setting ignored: ${p}`);
      void this.prompts.notify('warning', `Fluentd: ${p}`);
    }
  }

  track(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.client_?.destroy();
    this.log.dispose();
  }
}
