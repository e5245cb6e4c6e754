// The config test file format (`*.fluent-test.yaml`), modelled on `vector test`: a config, the
// world it runs in (ENV, clock, pods), and tests — inputs (raw lines at a source by @id, or
// tag + record, optionally at a label) and expectations (which output receives, field
// conditions, destination, no output from). This table is the one description of the format:
// the reader checks files against it, completion and hover read it, and the JSON schema
// (schemas/fluent-test.schema.json) is generated from it (jsonSchema below).

/** What a value may be. `ref` says which names of the config complete there. */
export type Shape =
  | { kind: 'string'; ref?: 'source' | 'output' | 'label' | 'file'; pattern?: string }
  | { kind: 'number'; integer?: boolean; minimum?: number }
  | { kind: 'boolean' }
  | { kind: 'any' }
  | { kind: 'object'; properties: Record<string, Property>; additional?: Shape; additionalName?: string }
  | { kind: 'array'; items: Shape; minItems?: number }
  | { kind: 'oneOf'; options: Shape[]; description?: string };

export interface Property {
  shape: Shape;
  description: string;
  required?: boolean;
}

const str = (ref?: 'source' | 'output' | 'label' | 'file'): Shape => ({ kind: 'string', ...(ref ? { ref } : {}) });

/** A condition on a value: a plain value is `equals`. */
export const CONDITION: Shape = {
  kind: 'oneOf',
  description: 'A value the field must equal, or a condition: equals, contains, matches, absent.',
  options: [
    { kind: 'string' },
    { kind: 'number' },
    { kind: 'boolean' },
    {
      kind: 'object',
      properties: {
        equals: {
          shape: { kind: 'any' },
          description: 'The field equals this value (JSON types compared: 1 and 1.0 are equal, "1" is not).',
        },
        contains: {
          shape: { kind: 'any' },
          description: 'A string field contains this text; an array field contains this element; a hash field has this key.',
        },
        matches: {
          shape: { kind: 'string' },
          description: 'The field, as a string, matches this Ruby regexp (Onigmo syntax, as in the config).',
        },
        absent: { shape: { kind: 'boolean' }, description: '`true`: the record has no such field; `false`: it has one (any value).' },
      },
    },
  ],
};

const OUTPUT_SELECTOR: Property = {
  shape: str('output'),
  description: 'The output: its `@id` (a `<match>`, or a `<store>` of a copy), or the `<match>` pattern as written (e.g. `kubernetes.**`).',
  required: true,
};

export const INPUT: Shape = {
  kind: 'object',
  properties: {
    source: {
      shape: str('source'),
      description:
        'The `@id` of a `<source>`. For in_tail give `lines`: they are parsed with its `<parse>` and tagged from `path`. For other sources give `record`: it enters where the source emits (its `@label`).',
    },
    path: {
      shape: str(),
      description:
        'in_tail: the file the lines are read from; its path gives the tag (`tag kubernetes.*`). Default: the first `path` of the source, `*` filled in.',
    },
    lines: { shape: { kind: 'array', items: str() }, description: 'Raw lines as the file holds them (in_tail).' },
    tag: { shape: str(), description: "The tag of the event (with `record`). Default: the source's `tag`." },
    label: { shape: str('label'), description: 'Emit the event into this `<label>` (e.g. `@containers`) instead of at the root.' },
    time: {
      shape: { kind: 'oneOf', options: [{ kind: 'number' }, { kind: 'string' }] },
      description: 'The event time: seconds since the epoch (fractions allowed) or ISO 8601. Default: `now`.',
    },
    record: {
      shape: { kind: 'object', properties: {}, additional: { kind: 'any' } },
      description: "The event's record (with `tag` or a non-tail `source`).",
    },
  },
};

export const DESTINATION: Shape = {
  kind: 'object',
  properties: {
    log_group: { shape: CONDITION, description: 'cloudwatch_logs: the log group the event is written to.' },
    log_stream: { shape: CONDITION, description: 'cloudwatch_logs: the log stream.' },
    stream: { shape: CONDITION, description: 'kinesis_streams / kinesis_firehose: the stream.' },
    partition_key: { shape: CONDITION, description: 'kinesis_streams: the partition key.' },
    index: { shape: CONDITION, description: 'elasticsearch / opensearch: the index.' },
    bucket: { shape: CONDITION, description: 's3: the bucket.' },
    path: { shape: CONDITION, description: 's3: the object path.' },
  },
};

export const EXPECTATION: Shape = {
  kind: 'object',
  properties: {
    output: OUTPUT_SELECTOR,
    count: {
      shape: { kind: 'number', integer: true, minimum: 0 },
      description: 'Exactly this many events reach the output (default: at least one).',
    },
    tag: { shape: CONDITION, description: 'The tag the output receives the event with.' },
    fields: {
      shape: { kind: 'object', properties: {}, additional: CONDITION, additionalName: 'field' },
      description:
        "Conditions on the record as the output receives it, by field: a key (`message`) or a record accessor (`$.kubernetes.pod_name`, `$['a.b']`). One event must meet them all.",
    },
    destination: { shape: DESTINATION, description: 'Where the output writes the event (its own parameters and placeholders applied).' },
  },
};

export const TEST_CASE: Shape = {
  kind: 'object',
  properties: {
    name: { shape: str(), description: "The test's name (unique in the file).", required: true },
    input: { shape: INPUT, description: 'One input: lines at a source, or an event (tag + record).' },
    inputs: { shape: { kind: 'array', items: INPUT, minItems: 1 }, description: 'Several inputs, sent in order.' },
    expect: { shape: { kind: 'array', items: EXPECTATION }, description: 'Outputs that must receive events, and what they receive.' },
    no_output_from: {
      shape: { kind: 'array', items: str('output') },
      description: 'Outputs (by `@id` or `<match>` pattern) that must receive nothing.',
    },
    unmatched: {
      shape: { kind: 'number', integer: true, minimum: 0 },
      description: 'How many events no `<match>` takes ("no patterns matched").',
    },
  },
};

export const TEST_FILE: Shape = {
  kind: 'object',
  properties: {
    config: {
      shape: str('file'),
      description: 'The fluent.conf under test (with everything it @includes), relative to this file.',
      required: true,
    },
    env: {
      shape: { kind: 'object', properties: {}, additional: { kind: 'string' }, additionalName: 'variable' },
      description: "Environment variables for `#{ENV['X']}` and `ENV.fetch` in the config.",
    },
    timezone: { shape: str(), description: 'The time zone Fluentd runs in (TZ), e.g. `UTC` or `Europe/Berlin`. Default: UTC.' },
    now: {
      shape: { kind: 'oneOf', options: [{ kind: 'number' }, { kind: 'string' }] },
      description:
        'The clock (seconds since the epoch, or ISO 8601) for time-less records and year-less time formats. Default: the real clock.',
    },
    hostname: { shape: str(), description: 'The host name Fluentd sees (`${hostname}`, `#{Socket.gethostname}`). Default: fluentd.' },
    kube: {
      shape: str('file'),
      description:
        'A JSON file of pods (a list, a PodList, or {"pods": [...], "namespaces": [...]}) that kubernetes_metadata enriches from; without it the filter changes nothing.',
    },
    tests: { shape: { kind: 'array', items: TEST_CASE }, description: 'The tests.', required: true },
  },
};

/** The JSON schema (draft-07) of the format. */
export function jsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/vscode-fluentd/vscode-fluentd/schemas/fluent-test.schema.json',
    title: 'Fluentd config tests (*.fluent-test.yaml)',
    ...toSchema(TEST_FILE),
  };
}

function toSchema(shape: Shape, description?: string): Record<string, unknown> {
  const d = description ? { description } : {};
  switch (shape.kind) {
    case 'string':
      return { type: 'string', ...(shape.pattern ? { pattern: shape.pattern } : {}), ...d };
    case 'number':
      return { type: shape.integer ? 'integer' : 'number', ...(shape.minimum !== undefined ? { minimum: shape.minimum } : {}), ...d };
    case 'boolean':
      return { type: 'boolean', ...d };
    case 'any':
      return { ...d };
    case 'array':
      return { type: 'array', items: toSchema(shape.items), ...(shape.minItems ? { minItems: shape.minItems } : {}), ...d };
    case 'oneOf':
      return {
        anyOf: shape.options.map((o) => toSchema(o)),
        ...((description ?? shape.description) ? { description: description ?? shape.description } : {}),
      };
    case 'object': {
      const props = Object.entries(shape.properties);
      const required = props.filter(([, p]) => p.required).map(([k]) => k);
      return {
        type: 'object',
        ...(props.length ? { properties: Object.fromEntries(props.map(([k, p]) => [k, toSchema(p.shape, p.description)])) } : {}),
        ...(required.length ? { required } : {}),
        additionalProperties: shape.additional ? toSchema(shape.additional) : false,
        ...d,
      };
    }
  }
}
