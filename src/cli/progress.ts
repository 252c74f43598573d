import cliProgress from 'cli-progress';

/** A progress bar on a terminal, plain percentage lines otherwise (CI logs, pipes). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% | {value}/{total} | {stage} | {eta_formatted}`, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  let lastPct = -1;
  return {
    update(done: number, total: number, stage: string) {
      if (bar) {
        if (!started) {
          bar.start(total, 0, { stage });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { stage });
        return;
      }
      const pct = total ? Math.floor((done / total) * 10) * 10 : 100;
      if (pct !== lastPct) {
        lastPct = pct;
        process.stderr.write(`${label}: ${pct}% (${done}/${total}) ${stage}\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
