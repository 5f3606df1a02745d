/** `kanal-aduan classify`: JSON lines in, one suggestion per line out (no process.env, no exit). */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { Classifier } from '../types.js';

const requestSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

async function writeLine(output: Writable, value: unknown): Promise<void> {
  if (!output.write(`${JSON.stringify(value)}\n`)) {
    await new Promise<void>((resolve) => output.once('drain', resolve));
  }
}

/** Reads `{"id","text"}` JSON lines and writes one suggestion (or `{"id":null,"error"}`) per line. */
export async function runClassifyCommand(args: {
  input: Readable;
  output: Writable;
  classifier: Classifier;
}): Promise<void> {
  const lines = createInterface({ input: args.input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      await writeLine(args.output, { id: null, error: `line ${lineNumber}: not valid JSON` });
      continue;
    }
    const request = requestSchema.safeParse(parsed);
    if (!request.success) {
      await writeLine(args.output, {
        id: null,
        error: `line ${lineNumber}: expected {"id": string|number, "text": string}`,
      });
      continue;
    }
    const c = args.classifier.classify(request.data.text);
    await writeLine(args.output, {
      id: request.data.id,
      agency: c.agency,
      jurisdiction: c.jurisdiction,
      authority: c.authority,
      confidence: c.confidence,
      alternatives: c.alternatives.map((a) => ({ agency: a.agency, confidence: a.confidence })),
      needsReview: c.needsReview,
      reasons: c.reasons,
    });
  }
}
