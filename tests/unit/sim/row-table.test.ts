// The raft tape recorder's growable table (lib/sim/trace/row-table.ts): rows keep their values as it
// grows past its capacity, a copy is independent of the table it came from, even an empty one, and
// tables that take over released arrays start out as new ones.
import { describe, expect, it } from "vitest";
import { addRow, copyRowTable, createRowTable, releaseRowTable, type RowTable } from "@/lib/sim/trace/row-table";

function rowsOf(table: RowTable): number[][] {
  return Array.from({ length: table.rows }, (_, i) =>
    Array.from(table.values.subarray(i * table.width, (i + 1) * table.width)),
  );
}

function fill(table: RowTable, rows: number): void {
  for (let i = 0; i < rows; i++) {
    const at = addRow(table);
    for (let c = 0; c < table.width; c++) table.values[at + c] = i * 10 + c;
  }
}

describe("row table", () => {
  it("keeps every row in order as it grows far past its first capacity", () => {
    const table = createRowTable(3);
    fill(table, 1000);
    expect(table.rows).toBe(1000);
    expect(rowsOf(table)[0]).toEqual([0, 1, 2]);
    expect(rowsOf(table)[999]).toEqual([9990, 9991, 9992]);
    expect(rowsOf(table).every((row, i) => row.join() === [i * 10, i * 10 + 1, i * 10 + 2].join())).toBe(true);
  });

  it("adds a row of zeros", () => {
    const table = createRowTable(2);
    const at = addRow(table);
    expect(at).toBe(0);
    expect(rowsOf(table)).toEqual([[0, 0]]);
  });

  it("copies into a table that neither sees nor changes the original's later rows", () => {
    const table = createRowTable(2);
    fill(table, 5);
    const copy = copyRowTable(table);
    fill(copy, 3);
    table.values[0] = -1;
    expect(rowsOf(table)).toHaveLength(5);
    expect(rowsOf(copy)).toHaveLength(8);
    expect(rowsOf(copy)[0]).toEqual([0, 1]);
    expect(rowsOf(copy)[7]).toEqual([20, 21]);
  });

  it("copies an empty table into one that can still grow", () => {
    const copy = copyRowTable(createRowTable(4));
    fill(copy, 2);
    expect(rowsOf(copy)).toEqual([
      [0, 1, 2, 3],
      [10, 11, 12, 13],
    ]);
  });

  it("gives tables made after a release only zeros, whatever the released tables held", () => {
    const released = [createRowTable(5), createRowTable(5)];
    fill(released[0]!, 64);
    fill(released[1]!, 200);
    for (const table of released) releaseRowTable(table);
    const fresh = [createRowTable(5), createRowTable(5)];
    for (const table of fresh) for (let i = 0; i < 300; i++) addRow(table);
    expect(fresh.every((t) => t.values.every((v) => v === 0))).toBe(true);
    expect(fresh.map((t) => t.rows)).toEqual([300, 300]);
  });

  it("leaves a released table empty and still able to grow", () => {
    const table = createRowTable(2);
    fill(table, 100);
    releaseRowTable(table);
    expect(table.rows).toBe(0);
    fill(table, 3);
    expect(rowsOf(table)).toEqual([
      [0, 1],
      [10, 11],
      [20, 21],
    ]);
  });
});
