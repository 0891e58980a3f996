// Custom reporter for Node's test runner: one JSON object per finished test, per line.
// scripts/test.mjs passes it to the browser tests (`node e2e/run.mjs --test-reporter=…`) and
// counts the results from the file it writes, instead of scraping human-readable output.
//
// Each line: {"event":"pass"|"fail","name","file","kind":"test"|"suite","skip","todo","error"}
// `skip`/`todo` are the reason string (or true) when the test was skipped / marked todo.

/** @param {unknown} value */
function reason(value) {
  if (value === undefined || value === false) return undefined;
  return typeof value === 'string' ? value : true;
}

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* jsonlReporter(source) {
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    /** @type {any} */
    const error = data.details?.error;
    yield (
      JSON.stringify({
        event: type === 'test:pass' ? 'pass' : 'fail',
        name: data.name,
        file: data.file,
        kind: data.details?.type === 'suite' ? 'suite' : 'test',
        skip: reason(data.skip),
        todo: reason(data.todo),
        error: error
          ? String(error.cause?.message ?? error.message ?? error).slice(0, 500)
          : undefined,
      }) + '\n'
    );
  }
}
