/** The printed table: every figure next to its target and PASS / MISS (targets are goals, not tests). */
import { type Figure, type SectionResult, verdict } from './types.ts';

export function formatValue(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'count':
      return value.toLocaleString('en-US');
    case 's':
      return `${value.toFixed(value < 10 ? 2 : 1)} s`;
    case 'ms':
      return `${value.toFixed(1)} ms`;
    case 'µs':
      return `${value.toFixed(0)} µs`;
    case '%':
      return `${value.toFixed(1)} %`;
    default:
      return `${value.toFixed(1)} ${unit}`;
  }
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, index) => cell.padEnd(widths[index] ?? 0))
    .join('  ')
    .trimEnd();
}

export function renderTable(sections: readonly SectionResult[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    const header = ['figure', 'value', 'p10–p90', 'target', 'verdict', 'note'];
    const rows = section.figures.map((figure) => [
      figure.label,
      formatValue(figure.value, figure.unit),
      figure.spread
        ? figure.spread.map((value) => (figure.unit === 'x' ? value.toFixed(2) : String(value))).join('–')
        : '',
      figure.target === undefined ? '' : `≤ ${formatValue(figure.target, figure.unit)}`,
      verdict(figure),
      figure.note ?? '',
    ]);
    const widths = header.map((_, column) =>
      Math.max(header[column]?.length ?? 0, ...rows.map((cells) => cells[column]?.length ?? 0)),
    );
    widths[widths.length - 1] = 0;
    lines.push(
      '',
      `## ${section.title}`,
      row(header, widths),
      row(
        widths.map((width) => '-'.repeat(Math.max(width, 4))),
        widths,
      ),
    );
    for (const cells of rows) lines.push(row(cells, widths));
  }
  const targeted = sections.flatMap((section) => section.figures).filter((figure) => figure.target !== undefined);
  const missed = targeted.filter((figure) => verdict(figure) === 'MISS');
  lines.push(
    '',
    `targets: ${targeted.length - missed.length} PASS, ${missed.length} MISS${missed.length ? ` (${missed.map((figure) => figure.id).join(', ')})` : ''}`,
  );
  return lines.join('\n');
}
