/**
 * Plain-text tables for the benchmarks' output, one implementation for every bench script.
 * `columns` is [header, align] pairs ('l' or 'r'); rows are arrays of cells; notes print below.
 */
export function table(title, columns, rows, notes = []) {
  const widths = columns.map(([h], i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const fmt = (cells) =>
    cells.map((c, i) => (columns[i][1] === 'r' ? String(c ?? '').padStart(widths[i]) : String(c ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(fmt(columns.map(([h]) => h)));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
  for (const n of notes) console.log(`  ${n}`);
}
