// Module resolution hooks for record-imports.mjs: pass every resolution through, writing down its URL.
import { appendFileSync } from 'node:fs';

let file;

/** Receives the output file from register(). */
export function initialize(data) {
  file = data?.file;
}

/** Resolves as usual and records the result. */
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (file) appendFileSync(file, `${result.url}\n`);
  return result;
}
