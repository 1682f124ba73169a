/** Build progress on stderr: one updating line (count, rate, ETA) on a terminal, one line per finished stage otherwise (CI logs). */

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface StageProgress {
  /** `done` of `total` items of the stage; on a terminal redraws the line, at most every 100 ms. */
  update(done: number, total: number): void;
  /** The stage's one closing line: items, time and rate. */
  end(done: number): void;
}

/** A stage such as "parsed" or "rendered": `stage('parsed', 'articles')`. */
export function stageProgress(
  stream: ProgressStream,
  verb: string,
  unit: string,
  now: () => number = () => performance.now(),
): StageProgress {
  const started = now();
  let drawn = -Infinity;
  let open = false;
  const rate = (done: number, elapsed: number) => (elapsed > 0 ? Math.round(done / (elapsed / 1000)) : 0);
  return {
    update(done, total) {
      if (!stream.isTTY) return;
      const at = now();
      if (at - drawn < 100 && done < total) return;
      drawn = at;
      const elapsed = at - started;
      const perSecond = rate(done, elapsed);
      const eta = perSecond > 0 ? `, ETA ${((total - done) / perSecond).toFixed(0)}s` : '';
      // \r and "erase to end of line" (ECMA-48 EL, CSI K): the line is redrawn in place.
      stream.write(
        `\r\x1b[Kwirefeed: ${verb} ${count(done)}/${count(total)} ${unit}, ${count(perSecond)}/s${done < total ? eta : ''}`,
      );
      open = true;
    },
    end(done) {
      const elapsed = now() - started;
      const line = `wirefeed: ${verb} ${count(done)} ${unit} in ${(elapsed / 1000).toFixed(1)}s (${count(rate(done, elapsed))}/s)`;
      stream.write(open ? `\r\x1b[K${line}\n` : `${line}\n`);
      open = false;
    },
  };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
