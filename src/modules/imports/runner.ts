/**
 * Runs import work one job at a time in the background of the server process: the machines have two cores, and a
 * second import at once would only slow both. Callers get the job back at once and poll it.
 */
export class ImportRunner {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  enqueue(work: () => Promise<void>): void {
    this.pending++;
    this.tail = this.tail
      .then(work)
      .catch((e: unknown) => console.error('import job failed unexpectedly', e))
      .finally(() => {
        this.pending--;
      });
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Resolves when everything queued so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
