// The `fluentd.simulate.*` settings the editor runs pass to the language server.
import * as vscode from 'vscode';
import type { SimulationSettings } from '../../language/simulate/playground/protocol';

export function simulationSettings(scope?: vscode.Uri): SimulationSettings {
  const c = vscode.workspace.getConfiguration('fluentd.simulate', scope);
  const env = c.get<Record<string, unknown>>('env') ?? {};
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') clean[k] = v;
  const timezone = c.get<string>('timezone') || 'UTC';
  return { env: clean, timezone };
}
