/**
 * Every digital fixture's extraction equals its golden, field by field; a
 * failure names the field, the row and both values. `digital/` holds the seeds
 * and documents of other ramos and years; `stress/` the layout variants
 * (vertical centring, split header labels, partial rules, right-aligned numbers).
 */
import { describe, expect, it } from 'vitest';
import { diffGolden, toGolden } from '../src/schema/golden.js';
import { extractFixture, goldens, readGolden } from './helpers.js';

const files = [...goldens('digital'), ...goldens('stress')];

describe('digital fixtures', () => {
  it('exist', () => {
    expect(goldens('digital').length).toBeGreaterThanOrEqual(7);
    expect(goldens('stress').length).toBeGreaterThanOrEqual(4);
  });

  for (const rel of files) {
    it(rel, async () => {
      const golden = readGolden(rel);
      const doc = await extractFixture(golden.archivo);
      const diffs = diffGolden(golden, toGolden(doc));
      const shown = diffs.slice(0, 40).map((d) => `  ${d.path}: golden ${JSON.stringify(d.golden)} ≠ extracted ${JSON.stringify(d.actual)}`);
      expect(diffs.length, `${diffs.length} differences in ${rel}:\n${shown.join('\n')}`).toBe(0);
    });
  }
});
