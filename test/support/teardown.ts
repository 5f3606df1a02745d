// One afterAll line for what an end-to-end test started: runtimes are stopped, fakes closed and databases
// dropped, in the order given (the product before the fakes it talks to, the database last).
type Started = { stop(): Promise<unknown> } | { close(): Promise<unknown> } | { drop(): Promise<unknown> };

/** Shuts each part down in turn; parts still undefined (a beforeAll that failed half way) are skipped. */
export async function shutDown(...parts: (Started | undefined)[]): Promise<void> {
  for (const part of parts) {
    if (!part) continue;
    if ('stop' in part) await part.stop();
    else if ('close' in part) await part.close();
    else await part.drop();
  }
}
