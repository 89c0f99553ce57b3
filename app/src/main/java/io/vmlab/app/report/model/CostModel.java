package io.vmlab.app.report.model;

/**
 * How simulated counts become simulated time. CPU time is cycles at {@code cpuHz}: every reference
 * pays {@code hitCycles} (the TLB-hit access), each page-table entry read by a TLB-miss walk pays
 * {@code walkLevelCycles}, each fault (minor or major) pays {@code minorFaultCycles} of kernel work.
 * I/O wait adds {@code majorFaultNanos} per major fault (swap-in or file read), {@code swapOutNanos}
 * per page written to swap and {@code writebackNanos} per page written back. Elapsed (simulated)
 * time is CPU time plus I/O wait; top's TIME+ and ps's TIME show CPU time, as Linux's utime+stime.
 *
 * <p>YAML keys (an experiment's {@code cost:} section; all optional):
 *
 * <pre>
 * cost:
 *   cpu_hz: 3000000000       # CPU frequency in Hz (an integer; _ may group digits)
 *   tlb_hit_cycles: 1        # per memory reference
 *   walk_level_cycles: 30    # per page-table entry read on a TLB miss
 *   minor_fault_cycles: 1000 # per fault, minor or major (kernel entry, handler, PTE update)
 *   major_fault_us: 100      # I/O wait per major fault
 *   swap_out_us: 100         # I/O wait per page written to swap
 *   writeback_us: 100        # I/O wait per dirty page written back
 * </pre>
 *
 * @param cpuHz CPU frequency in Hz
 * @param hitCycles cycles per memory reference
 * @param walkLevelCycles cycles per page-table entry read by a walk
 * @param minorFaultCycles cycles per fault
 * @param majorFaultNanos I/O wait per major fault, ns
 * @param swapOutNanos I/O wait per swap-out, ns
 * @param writebackNanos I/O wait per write-back, ns
 */
public record CostModel(long cpuHz, long hitCycles, long walkLevelCycles, long minorFaultCycles,
    long majorFaultNanos, long swapOutNanos, long writebackNanos) {
  /** The YAML section the keys live in. */
  public static final String SECTION = "cost";
  /** The YAML keys, in the order above. */
  public static final String[] KEYS = {
    "cpu_hz", "tlb_hit_cycles", "walk_level_cycles", "minor_fault_cycles", "major_fault_us", "swap_out_us",
    "writeback_us"
  };

  /** 3 GHz, 1 cycle per reference, 30 per walk level, 1000 per fault, 100 µs per I/O. */
  public static final CostModel DEFAULT = new CostModel(3_000_000_000L, 1, 30, 1000, 100_000, 100_000, 100_000);

  public CostModel {
    if (cpuHz <= 0) {
      throw new IllegalArgumentException("cpu_hz must be positive");
    }
    if (hitCycles < 0 || walkLevelCycles < 0 || minorFaultCycles < 0 || majorFaultNanos < 0 || swapOutNanos < 0
        || writebackNanos < 0) {
      throw new IllegalArgumentException("cost model values must not be negative");
    }
  }

  /** CPU time in ns for these counts (rounded to the nearest ns). */
  public long cpuNanos(long references, long walkLevels, long faults) {
    double cycles = (double) references * hitCycles + (double) walkLevels * walkLevelCycles
        + (double) faults * minorFaultCycles;
    return Math.round(cycles * 1e9 / cpuHz);
  }

  /** I/O wait in ns for these counts. */
  public long ioNanos(long majorFaults, long swapOuts, long writebacks) {
    return majorFaults * majorFaultNanos + swapOuts * swapOutNanos + writebacks * writebackNanos;
  }

  /**
   * {@code m} with {@link Metric#CPU_TIME_NS} and {@link Metric#SIM_TIME_NS} computed from its
   * counts (absent counts are 0; faults are minor + major when FAULTS is absent).
   */
  public Metrics withTimes(Metrics m) {
    long faults = m.has(Metric.FAULTS) ? m.getOr(Metric.FAULTS, 0)
        : m.getOr(Metric.MINOR_FAULTS, 0) + m.getOr(Metric.MAJOR_FAULTS, 0);
    long cpu = cpuNanos(m.getOr(Metric.REFERENCES, 0), m.getOr(Metric.WALK_LEVELS, 0), faults);
    long io = ioNanos(m.getOr(Metric.MAJOR_FAULTS, 0), m.getOr(Metric.SWAP_OUTS, 0), m.getOr(Metric.WRITEBACKS, 0));
    return m.toBuilder().put(Metric.CPU_TIME_NS, cpu).put(Metric.SIM_TIME_NS, cpu + io).build();
  }
}
