// What the parameters every buffered output shares do: the <buffer> section (declared by
// Fluentd's Output base class), the buffer plugins' own limits, and the output basics.
// Written for this extension; facts from the catalogue.
export const OUTPUT_BUFFER: Record<string, string> = {
  // Output base class
  'Output#time_as_integer':
    'Sends event times as whole seconds instead of EventTime with nanoseconds (for receivers older than Fluentd v0.14).',
  'Output#slow_flush_log_threshold':
    'Seconds a single flush may take before Fluentd logs a "buffer flush took longer time than slow_flush_log_threshold" warning.',
  // <buffer> section
  'Output#timekey': 'Length of the time window events are grouped by when `time` is a chunk key (e.g. `1h`): one chunk per window.',
  'Output#timekey_wait': 'How long after a time window ends its chunk waits for late events before it is flushed.',
  'Output#timekey_use_utc': 'Computes time windows (and `%Y%m%d` placeholders) in UTC instead of local time.',
  'Output#timekey_zone': 'Time zone of the time windows, as an offset like `+0900` or a zone name.',
  'Output#flush_at_shutdown':
    'Writes out every buffered chunk when Fluentd stops. Unset: yes for memory buffers, no for file buffers (they survive the restart).',
  'Output#flush_mode':
    '`interval` flushes every `flush_interval`, `immediate` as soon as events arrive, `lazy` once per time window; `default` picks `lazy` with a `time` chunk key, else `interval`.',
  'Output#flush_interval': 'How often buffered chunks are written to the destination (with `flush_mode interval`).',
  'Output#flush_thread_count': 'Number of threads writing chunks in parallel; raise it when one destination call is slow.',
  'Output#flush_thread_interval': 'Seconds a flush thread sleeps when there is no chunk to write.',
  'Output#flush_thread_burst_interval': 'Seconds a flush thread waits between chunks while more are queued.',
  'Output#delayed_commit_timeout': 'How long an output with asynchronous commits may take to confirm a chunk before it is written again.',
  'Output#overflow_action':
    'What happens when the buffer is full: `throw_exception` rejects new events with an error, `block` stalls the input, `drop_oldest_chunk` discards the oldest data.',
  'Output#retry_forever': 'Retries failed writes without end instead of giving up after `retry_timeout` or `retry_max_times`.',
  'Output#retry_timeout': 'How long a chunk is retried in total before it is discarded (or handed to `<secondary>`).',
  'Output#retry_max_times':
    'Number of retries before a chunk is discarded (or handed to `<secondary>`); unset means only `retry_timeout` limits them.',
  'Output#retry_secondary_threshold': 'Share of `retry_timeout` after which failing chunks go to the `<secondary>` output.',
  'Output#retry_type':
    '`exponential_backoff` doubles the wait after each failure (see `retry_exponential_backoff_base`); `periodic` waits `retry_wait` every time.',
  'Output#retry_wait': 'Wait before the first retry of a failed write (the base of the back-off).',
  'Output#retry_exponential_backoff_base': 'Factor the wait grows by after each failed retry.',
  'Output#retry_max_interval': 'Upper bound of the wait between retries, however many have failed.',
  'Output#retry_randomize': 'Adds jitter to each retry wait so many Fluentd instances do not retry at the same moment.',
  // buffer plugins (Buffer base class)
  'Buffer#chunk_limit_size': 'Largest size one chunk grows to before it is closed and queued for writing.',
  'Buffer#total_limit_size': 'Largest size of all chunks together; beyond it `overflow_action` decides what happens.',
  'Buffer#queue_limit_length': 'Old way to cap the buffer: the number of queued chunks (`total_limit_size` is the current form).',
  'Buffer#chunk_limit_records': 'Largest number of events in one chunk, for destinations with a per-request record limit.',
  'Buffer#chunk_full_threshold': 'Share of `chunk_limit_size` at which a chunk counts as full and is queued.',
  'Buffer#queued_chunks_limit_size':
    'Largest number of chunks waiting in the queue; keeps a short `flush_interval` from piling up small chunks.',
  'Buffer#compress': 'Compresses chunk contents in the buffer (`gzip`, `zstd`); the output must be able to send compressed data.',
  'Buffer#decompression_size_limit': 'Largest size a compressed chunk may expand to when it is read back.',
  'Buffer#disable_chunk_backup':
    'Drops a chunk the output cannot write (an unrecoverable error) instead of keeping a backup file under `root_dir`.',
  'FileBuffer#path': 'Directory (or file path pattern) where buffer chunks are stored; each output needs its own.',
  'FileBuffer#path_suffix': 'File name ending of the chunk files.',
  'FileBuffer#file_permission': 'Permissions of the chunk files, in octal (e.g. `0644`).',
  'FileBuffer#dir_permission': 'Permissions of the buffer directories Fluentd creates, in octal (e.g. `0755`).',
  'FileSingleBuffer#path': 'Directory where the chunk files (one file per chunk) are stored; each output needs its own.',
  'FileSingleBuffer#calc_num_records': 'Counts the records of existing chunks at start-up (needed for `chunk_limit_records`).',
  'FileSingleBuffer#chunk_format': 'How chunks are written: `msgpack`, `text`, or `auto` (what the output expects).',
  'FileSingleBuffer#file_permission': 'Permissions of the chunk files, in octal.',
  'FileSingleBuffer#dir_permission': 'Permissions of the buffer directories Fluentd creates, in octal.',
  // <secondary>
  'SecondaryFileOutput#directory': 'Directory where chunks the primary output gave up on are dumped.',
  'SecondaryFileOutput#basename': 'File name of the dumped chunks (placeholders such as `${chunk_id}` allowed).',
  'SecondaryFileOutput#compress': 'Compresses the dumped files with gzip.',
  'SecondaryFileOutput#append': 'Appends to one file per name instead of writing a new file per chunk.',
};
