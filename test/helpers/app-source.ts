// The in_tail source the simulator's editor tests (and bench/simulate-editor.ts) start from:
// `@id in_app` reading /var/log/app/*.log as app.<path>, with the given <parse> body lines.
export const LEVEL_MSG = ['@type regexp', 'expression /^(?<level>[A-Z]+) (?<msg>.*)$/'];

export function appSource(parseLines: readonly string[] = LEVEL_MSG): string {
  return `<source>
  @type tail
  @id in_app
  path /var/log/app/*.log
  tag app.*
  <parse>
${parseLines.map((l) => `    ${l}`).join('\n')}
  </parse>
</source>
`;
}
