// Worked numbers from upstream tests under pkg/scheduler/framework/plugins/noderesources/ and helper/.
import { describe, expect, it } from "vitest";
import {
  balancedAllocationScore,
  brokenLinear,
  leastAllocatedScore,
  mostAllocatedScore,
  requestedToCapacityRatioScore,
} from "@/lib/sim/scheduler-framework/plugins/resource-scorers";

const cpuMem = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];

describe("LeastAllocated (least_allocated_test.go)", () => {
  it("nothing scheduled, resources requested, differently sized nodes: 37 and 50", () => {
    expect(leastAllocatedScore(cpuMem, [3000, 5000], [4000, 10000])).toBe(37);
    expect(leastAllocatedScore(cpuMem, [3000, 5000], [6000, 10000])).toBe(50);
  });

  it("resources requested, pods scheduled with resources: 57 and 45", () => {
    expect(leastAllocatedScore(cpuMem, [6000, 5000], [10000, 20000])).toBe(57);
    expect(leastAllocatedScore(cpuMem, [6000, 10000], [10000, 20000])).toBe(45);
  });

  it("requested resources exceed node capacity: a resource over capacity scores 0 (50 and 25)", () => {
    expect(leastAllocatedScore(cpuMem, [6000, 0], [4000, 10000])).toBe(50);
    expect(leastAllocatedScore(cpuMem, [6000, 5000], [4000, 10000])).toBe(25);
  });

  it("different weights on CPU and memory: (25·1 + 50·2) / 3 = 41", () => {
    const weighted = [
      { name: "memory", weight: 2 },
      { name: "cpu", weight: 1 },
    ];
    expect(leastAllocatedScore(weighted, [5000, 3000], [10000, 4000])).toBe(41);
  });

  it("zero node resources score 0", () => {
    expect(leastAllocatedScore(cpuMem, [3000, 0], [0, 0])).toBe(0);
  });
});

describe("MostAllocated (most_allocated_test.go)", () => {
  it("nothing scheduled, resources requested, differently sized nodes: 62 and 50", () => {
    expect(mostAllocatedScore(cpuMem, [3000, 5000], [4000, 10000])).toBe(62);
    expect(mostAllocatedScore(cpuMem, [3000, 5000], [6000, 10000])).toBe(50);
  });

  it("caps requests above capacity at capacity", () => {
    expect(mostAllocatedScore(cpuMem, [6000, 5000], [4000, 10000])).toBe(75);
  });
});

describe("BuildBrokenLinearFunction (requested_to_capacity_ratio_test.go, TestBrokenLinearFunction)", () => {
  const rising = [
    { utilization: 10, score: 1 },
    { utilization: 90, score: 9 },
  ];
  it.each([
    [-10, 1],
    [0, 1],
    [9, 1],
    [10, 1],
    [15, 1],
    [19, 1],
    [20, 2],
    [89, 8],
    [90, 9],
    [99, 9],
    [100, 9],
    [110, 9],
  ])("rising shape at %d → %d", (p, expected) => {
    expect(brokenLinear(rising, p)).toBe(expected);
  });

  const peak = [
    { utilization: 0, score: 2 },
    { utilization: 40, score: 10 },
    { utilization: 100, score: 0 },
  ];
  it.each([
    [-10, 2],
    [0, 2],
    [20, 6],
    [30, 8],
    [40, 10],
    [70, 5],
    [100, 0],
    [110, 0],
  ])("peaked shape at %d → %d (truncating toward zero on the way down)", (p, expected) => {
    expect(brokenLinear(peak, p)).toBe(expected);
  });
});

describe("RequestedToCapacityRatio (TestResourceBinPackingMultipleExtended)", () => {
  const resources = [
    { name: "intel.com/foo", weight: 3 },
    { name: "intel.com/bar", weight: 5 },
  ];
  const shape = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 1 },
  ];

  it("resources requested, pods scheduled with less resources: 4 and 3", () => {
    expect(requestedToCapacityRatioScore(resources, shape, [2, 2], [8, 4])).toBe(4);
    expect(requestedToCapacityRatioScore(resources, shape, [2, 2], [4, 8])).toBe(3);
  });

  it("on node with existing pod running: 4 and 7", () => {
    expect(requestedToCapacityRatioScore(resources, shape, [2, 2], [8, 4])).toBe(4);
    expect(requestedToCapacityRatioScore(resources, shape, [4, 4], [4, 8])).toBe(7);
  });

  it("nothing requested scores 0: only resources scoring above 0 count", () => {
    expect(requestedToCapacityRatioScore(resources, shape, [0, 0], [8, 4])).toBe(0);
  });
});

describe("BalancedAllocation (balanced_allocation_test.go)", () => {
  it("nothing scheduled, resources requested, differently sized nodes: 87 and 100", () => {
    // node1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 → std 0.125 → int64(87.5) = 87.
    expect(balancedAllocationScore([3000, 5000], [4000, 10000])).toBe(87);
    expect(balancedAllocationScore([3000, 5000], [6000, 10000])).toBe(100);
  });

  it("clamps fractions at 1 and uses the population std for three resources", () => {
    expect(balancedAllocationScore([8000, 5000], [4000, 10000])).toBe(75);
    // fractions 0.5, 0.25, 0.75: mean 0.5, variance 0.041666…, std 0.2041 → 79.
    expect(balancedAllocationScore([2, 1, 3], [4, 4, 4])).toBe(79);
  });
});
