package io.vmlab.app.report.model;

import java.util.Locale;

/**
 * A named counter of a run. The declaration order is the column order of results.csv and the key
 * order of results.json; new metrics go at the end (CSV readers index columns by name anyway).
 */
public enum Metric {
  /** Memory references: every simulated access of one page (a lackey access spanning two pages is two). */
  REFERENCES("references", "count", "Memory references replayed or touched; an access that spans a page "
      + "boundary counts once per page."),
  /** Page faults, minor plus major. */
  FAULTS("faults", "count", "Page faults of all kinds: minor + major. In policy-study mode, every reference "
      + "to a non-resident page (cold misses included)."),
  /** Faults served without I/O. */
  MINOR_FAULTS("minor_faults", "count", "Faults served without I/O: a zero page, a page-cache hit, a COW copy, "
      + "a swap-cache hit (Linux's min_flt)."),
  /** Faults that waited for I/O. */
  MAJOR_FAULTS("major_faults", "count", "Faults that waited for I/O: a swap-in or a file read (Linux's maj_flt)."),
  /** Pages read back from swap. */
  SWAP_INS("swap_ins", "pages", "Pages read back from swap (pswpin)."),
  /** Pages written to swap. */
  SWAP_OUTS("swap_outs", "pages", "Anonymous pages written to swap by reclaim (pswpout)."),
  /** Dirty file pages (or, in policy-study mode, dirty victims) written back. */
  WRITEBACKS("writebacks", "pages", "Dirty pages written back when evicted: file pages to their file; in "
      + "policy-study mode every eviction of a dirty page."),
  /** Pages reclaim looked at. */
  RECLAIM_SCANS("reclaim_scans", "pages", "Pages the reclaim scanner looked at (pgscan)."),
  /** References whose translation the TLB had. */
  TLB_HITS("tlb_hits", "count", "References translated by the TLB without a page-table walk."),
  /** References that walked the page table. */
  TLB_MISSES("tlb_misses", "count", "References that walked the page table."),
  /** Page-table levels read by walks. */
  WALK_LEVELS("walk_levels", "count", "Page-table entries read by TLB-miss walks (one per non-folded level "
      + "visited); the cost model charges each."),
  /** Bytes of page tables at the end of the run. */
  PAGE_TABLE_BYTES("page_table_bytes", "bytes", "Memory in page-table pages at the end of the run "
      + "(the sum of VmPTE); folded levels cost nothing."),
  /** Resident set at the end of the run. */
  RSS_BYTES("rss_bytes", "bytes", "Resident set size at the end of the run, all processes (VmRSS)."),
  /** Bytes in swap. */
  SWAP_BYTES("swap_bytes", "bytes", "Swap in use at the end of the run (VmSwap)."),
  /** Processes killed by the OOM killer. */
  OOM_KILLS("oom_kills", "count", "Processes the OOM killer chose."),
  /** CPU time from the cost model. */
  CPU_TIME_NS("cpu_time_ns", "ns", "Simulated CPU time from the cost model: references, walks and fault "
      + "handling in cycles at the CPU frequency (top's TIME+)."),
  /** CPU time plus I/O wait. */
  SIM_TIME_NS("sim_time_ns", "ns", "Simulated elapsed time: CPU time plus I/O wait for major faults, "
      + "swap-outs and write-backs.");

  private final String key;
  private final String unit;
  private final String description;

  Metric(String key, String unit, String description) {
    this.key = key;
    this.unit = unit;
    this.description = description;
  }

  /** The CSV column and JSON key, snake_case. */
  public String key() {
    return key;
  }

  /** What one unit is: count, pages, bytes or ns. */
  public String unit() {
    return unit;
  }

  /** One or two sentences for the report's glossary. */
  public String description() {
    return description;
  }

  /** The metric whose key is {@code key}. */
  public static Metric ofKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no metric '" + key + "'");
  }

  @Override
  public String toString() {
    return key.toLowerCase(Locale.ROOT);
  }
}
