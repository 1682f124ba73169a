/** Figures of one published archive size (publish-point.ts) against the targets that apply at that size: pure. */
import { type ChangePublish, embargoesWaiting, type PublishPoint } from './publish-point.ts';
import { round } from './stats.ts';
import type { Figure } from './types.ts';

const MiB = 1024 * 1024;

/** Upper bounds; an absent one leaves its figure informational. */
export interface PublishTargets {
  readonly cleanSeconds?: number;
  readonly peakMiB?: number;
  readonly storedMiB?: number;
  /** CLI start → the change served. */
  readonly changeSeconds?: number;
  readonly addedUploadKiB?: number;
  /** The search index stage's share of the clean publish's wall time. */
  readonly indexSharePercent?: number;
  readonly indexUpdateMs?: number;
}

function stagesNote(change: ChangePublish): string {
  const stages = Object.entries(change.cli.stages)
    .filter(([, seconds]) => (seconds ?? 0) >= 0.01)
    .map(([stage, seconds]) => `${stage} ${seconds?.toFixed(2)}`)
    .join(', ');
  return `CLI ${change.cli.wallSeconds.toFixed(2)} s (stages, s: ${stages}); ${change.cli.uploaded.objects} object(s) up`;
}

export function publishFigures(section: string, point: PublishPoint, targets: PublishTargets): Figure[] {
  const size = point.articles.toLocaleString('en-US');
  const figure = (
    id: string,
    label: string,
    value: number,
    unit: Figure['unit'],
    target?: number,
    note?: string,
  ): Figure => ({
    section,
    id: `${point.articles}.${id}`,
    label: `${label}, ${size} articles`,
    value,
    unit,
    ...(target !== undefined ? { target } : {}),
    ...(note !== undefined ? { note } : {}),
  });
  const { clean, added, edited, folder } = point;
  const indexSeconds = clean.stages['search index'] ?? 0;
  return [
    figure(
      'clean',
      'clean publish through the Worker',
      round(clean.wallSeconds, 1),
      's',
      targets.cleanSeconds,
      `CPU ${clean.cpuSeconds.toFixed(0)} s; ${clean.uploaded.objects} objects up`,
    ),
    figure(
      'clean.rss',
      'peak RSS of the clean publish',
      round(clean.maxRssBytes / MiB, 0),
      'MiB',
      targets.peakMiB,
      "Node's default heap",
    ),
    figure(
      'stored',
      'bytes stored in R2',
      round(point.stored.bytes / MiB, 0),
      'MiB',
      targets.storedMiB,
      `${point.stored.objects} objects`,
    ),
    figure(
      'index.share',
      'search index share of the clean publish',
      round((100 * indexSeconds) / clean.wallSeconds, 1),
      '%',
      targets.indexSharePercent,
      `search index stage ${indexSeconds.toFixed(2)} s`,
    ),
    figure(
      'added',
      '+1 article, publish start → served',
      round(added.servedSeconds, 2),
      's',
      targets.changeSeconds,
      stagesNote(added),
    ),
    figure(
      'added.upload',
      '+1 article, bytes uploaded',
      round(added.cli.uploaded.bytes / 1024, 1),
      'KiB',
      targets.addedUploadKiB,
    ),
    figure(
      'added.index',
      '+1 article, search index update',
      round((added.cli.stages['search index'] ?? 0) * 1000, 0),
      'ms',
      targets.indexUpdateMs,
      'the BuildReport stage, 10 ms resolution',
    ),
    figure(
      'edited',
      '1 edited article, publish start → served',
      round(edited.servedSeconds, 2),
      's',
      targets.changeSeconds,
      stagesNote(edited),
    ),
    figure('edited.upload', '1 edited article, bytes uploaded', round(edited.cli.uploaded.bytes / 1024, 1), 'KiB'),
    figure(
      'added.embargoes',
      `+1 article with ${embargoesWaiting} embargoes waiting, publish start → served`,
      round(point.addedWithEmbargoes.servedSeconds, 2),
      's',
      targets.changeSeconds,
      stagesNote(point.addedWithEmbargoes),
    ),
    ...(folder
      ? [
          figure(
            'folder',
            'clean build into the folder target (no HTTP, no index)',
            round(folder.wallSeconds, 1),
            's',
            undefined,
            `peak RSS ${(folder.maxRssBytes / MiB).toFixed(0)} MiB`,
          ),
        ]
      : []),
  ];
}
