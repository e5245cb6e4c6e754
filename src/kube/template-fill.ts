// Fills manifest templates structurally: the templates are plain YAML whose placeholder scalars
// ("{{name}}") are replaced by values after parsing, so a value can never break the YAML or
// inject fields. A placeholder whose value is undefined removes its key (or array item).

const WHOLE = /^\{\{\s*([A-Za-z][\w]*)\s*\}\}$/;
const INSIDE = /\{\{\s*([A-Za-z][\w]*)\s*\}\}/g;
const REMOVE = Symbol('remove');

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export function fillTemplate(tree: unknown, values: Readonly<Record<string, unknown>>, source: string): unknown {
  const lookup = (name: string): unknown => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new TemplateError(`${source}: unknown placeholder {{${name}}}`);
    }
    return values[name];
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) {
        const v = lookup(whole[1]);
        return v === undefined ? REMOVE : structuredClone(v);
      }
      return node.replace(INSIDE, (_m, name: string) => {
        const v = lookup(name);
        if (typeof v !== 'string' && typeof v !== 'number') {
          throw new TemplateError(`${source}: {{${name}}} inside text needs a string or number value`);
        }
        return String(v);
      });
    }
    if (Array.isArray(node)) return node.map(walk).filter((v) => v !== REMOVE);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        const filled = walk(v);
        if (filled !== REMOVE) out[k] = filled;
      }
      return out;
    }
    return node;
  };
  return walk(tree);
}
