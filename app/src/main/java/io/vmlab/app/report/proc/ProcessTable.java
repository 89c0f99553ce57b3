package io.vmlab.app.report.proc;

import io.vmlab.app.report.model.ProcessRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A top-like table of simulated processes (as {@code top -b} prints its task area, plus ps's TIME
 * column):
 *
 * <pre>
 *   PID USER      VIRT    RES    SHR  %MEM     TIME+     TIME COMMAND
 *     1 root      2920   1760   1644   0.0   0:01.11 00:00:01 yes
 * </pre>
 *
 * VIRT, RES and SHR are KiB, scaled with a suffix when they do not fit (top's default SK_Kb);
 * %MEM is RES over the machine's memory; TIME+ is top's, TIME ps's {@code [DD-]hh:mm:ss}. Rows are
 * sorted by PID. PID is 5 wide, or wider for larger PIDs (top: digits of pid_max).
 */
public final class ProcessTable {
  private ProcessTable() {}

  /** The table of {@code rows} on a machine with {@code memoryBytes} of memory, one line each. */
  public static List<String> render(List<ProcessRow> rows, long memoryBytes) {
    List<ProcessRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(ProcessRow::pid));
    int pidWidth = 5;
    for (ProcessRow r : sorted) {
      pidWidth = Math.max(pidWidth, Integer.toString(r.pid()).length());
    }
    List<String> lines = new ArrayList<>();
    lines.add(TopFormat.right("PID", pidWidth) + TopFormat.left("USER", 8) + TopFormat.right("VIRT", TopFormat.VIRT_WIDTH)
        + TopFormat.right("RES", TopFormat.RES_WIDTH) + TopFormat.right("SHR", TopFormat.RES_WIDTH)
        + TopFormat.right("%MEM", TopFormat.MEM_PCT_WIDTH) + TopFormat.right("TIME+", TopFormat.TIME_PLUS_WIDTH)
        + TopFormat.right("TIME", PsFormat.TIME_WIDTH) + "COMMAND");
    long totalKib = memoryBytes / 1024;
    for (ProcessRow r : sorted) {
      long ticks = TopFormat.ticks(r.cpuTimeNanos());
      lines.add(TopFormat.right(Integer.toString(r.pid()), pidWidth) + TopFormat.left(r.user(), 8)
          + TopFormat.right(TopFormat.scaleMem(r.virtBytes() / 1024, TopFormat.VIRT_WIDTH), TopFormat.VIRT_WIDTH)
          + TopFormat.right(TopFormat.scaleMem(r.resBytes() / 1024, TopFormat.RES_WIDTH), TopFormat.RES_WIDTH)
          + TopFormat.right(TopFormat.scaleMem(r.shrBytes() / 1024, TopFormat.RES_WIDTH), TopFormat.RES_WIDTH)
          + TopFormat.right(TopFormat.memPercent(r.resBytes() / 1024, totalKib), TopFormat.MEM_PCT_WIDTH)
          + TopFormat.right(TopFormat.timePlus(ticks), TopFormat.TIME_PLUS_WIDTH)
          + TopFormat.right(PsFormat.timeOfNanos(r.cpuTimeNanos()), PsFormat.TIME_WIDTH) + r.command());
    }
    return lines;
  }

  /** The table as text, one line each ending in a newline. */
  public static String text(List<ProcessRow> rows, long memoryBytes) {
    StringBuilder sb = new StringBuilder();
    render(rows, memoryBytes).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
