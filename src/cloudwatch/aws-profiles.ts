// Profiles the user can pick, read the way the SDK finds them: section names of the shared
// config file (`[profile name]`, `[default]`) and credentials file (`[name]`), at their default
// paths or where AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Profile names in one INI text; `config` files prefix non-default profiles with "profile ". */
export function profileNames(text: string, kind: 'config' | 'credentials'): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/.exec(line);
    if (!m) continue;
    const section = m[1];
    if (kind === 'credentials') names.push(section);
    else if (section === 'default') names.push('default');
    else if (/^profile\s+/.test(section)) names.push(section.replace(/^profile\s+/, ''));
    // other sections (sso-session, services) are not profiles
  }
  return names;
}

export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const home = env.HOME || env.USERPROFILE || homedir();
  const files: [string, 'config' | 'credentials'][] = [
    [env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), 'config'],
    [env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), 'credentials'],
  ];
  const names = new Set<string>();
  for (const [file, kind] of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // a missing file is normal
    }
    for (const n of profileNames(text, kind)) names.add(n);
  }
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/** Regions offered in the picker (CloudWatch Logs is in all of them); any other can be typed. */
export const COMMON_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'sa-east-1',
  'me-south-1',
  'af-south-1',
];
