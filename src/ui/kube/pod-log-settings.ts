// Reads fluentd.podLogs.*: where pod-log streams start, how many run at once, which pods are Fluentd's.
import * as vscode from 'vscode';

export interface PodLogSettings {
  tailLines: number;
  sinceSeconds?: number;
  maxStreams: number;
  /** Label selector of the Fluentd pods (in fluentd.deploy.namespace). */
  selector: string;
  timestamps: boolean;
  diagnostics: boolean;
  diagnosticsTtlMs: number;
}

const clamp = (v: number | undefined, min: number, max: number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : fallback;

export function readPodLogSettings(): PodLogSettings {
  const c = vscode.workspace.getConfiguration('fluentd.podLogs');
  const since = clamp(c.get<number>('sinceSeconds'), 0, 30 * 86_400, 0);
  return {
    tailLines: clamp(c.get<number>('tailLines'), 0, 100_000, 200),
    sinceSeconds: since > 0 ? since : undefined,
    maxStreams: clamp(c.get<number>('maxStreams'), 1, 500, 25),
    selector: c.get<string>('selector')?.trim() || 'app.kubernetes.io/name=fluentd',
    timestamps: c.get<boolean>('timestamps') ?? false,
    diagnostics: c.get<boolean>('diagnostics') ?? true,
    diagnosticsTtlMs: clamp(c.get<number>('diagnosticsTtlSeconds'), 10, 86_400, 600) * 1000,
  };
}
