/** An in-memory changes log for tests: the ChangeLog contract over an array, counting what each read returns. */
import type { ChangeLog, ChangeRecord } from '../../src/model/change-log.ts';

export interface MemoryChangeLogOptions {
  /** Answer in reverse order of appending, so a reader that forgets to sort is caught. @default false */
  readonly reversed?: boolean;
  /**
   * Answer more than asked, as a store of whole chunks may: records of neighbouring publishes and
   * releases, and each record twice, so a reader that trusts the ranges is caught. @default false
   */
  readonly loose?: boolean;
}

export class MemoryChangeLog implements ChangeLog {
  readonly records: ChangeRecord[] = [];
  /** Records returned by every read so far. */
  recordsRead = 0;
  readonly #options: MemoryChangeLogOptions;

  constructor(options: MemoryChangeLogOptions = {}) {
    this.#options = options;
  }

  append(...records: readonly ChangeRecord[]): void {
    this.records.push(...records);
  }

  async since(afterSeq: number, upToSeq: number): Promise<readonly ChangeRecord[]> {
    const slack = this.#options.loose ? 2 : 0;
    return this.#answer(this.records.filter(({ seq }) => seq > afterSeq - slack && seq <= upToSeq + slack));
  }

  async releasedBetween(fromMs: number, toMs: number, upToSeq: number): Promise<readonly ChangeRecord[]> {
    const slack = this.#options.loose ? 10 : 0;
    return this.#answer(
      this.records.filter(
        ({ seq, release }) => seq <= upToSeq + slack && release > fromMs - slack && release <= toMs + slack,
      ),
    );
  }

  #answer(records: ChangeRecord[]): readonly ChangeRecord[] {
    const answer = this.#options.loose ? [...records, ...records] : records;
    this.recordsRead += answer.length;
    return this.#options.reversed ? answer.reverse() : answer;
  }
}
