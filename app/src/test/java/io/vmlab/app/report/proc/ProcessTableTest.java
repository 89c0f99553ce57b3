package io.vmlab.app.report.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.app.report.model.ProcessRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
  @Test
  void linesLineUpAsTopBatchOutput() {
    List<ProcessRow> rows = List.of(
        new ProcessRow(12, "root", "sort", 1_264_193_536L, 1_264_193_536L / 2, 4096, 1_515_200_000_000L, 5, 1),
        new ProcessRow(1, "root", "yes", 2_990_080, 1_802_240, 1_683_456, 11_100_000_000L, 90, 0));
    List<String> lines = ProcessTable.render(rows, 16_000L * 1024 * 1024);
    // Header and rows as top -b prints them (each field right-justified in its width plus one
    // space), with ps's TIME before COMMAND. 2920 KiB VIRT, 1760 KiB RES of 16000 MiB.
    assertEquals(List.of(
        "  PID USER        VIRT    RES    SHR  %MEM     TIME+     TIME COMMAND",
        "    1 root        2920   1760   1644   0.0   0:11.10 00:00:11 yes",
        "   12 root     1234564 617282      4   3.8  25:15.20 00:25:15 sort"), lines);
  }

  @Test
  void pidColumnWidensForLargePids() {
    List<String> lines = ProcessTable.render(List.of(new ProcessRow(4194304, "root", "x", 0, 0, 0, 0, 0, 0)), 1 << 20);
    assertEquals("    PID USER        VIRT    RES    SHR  %MEM     TIME+     TIME COMMAND", lines.get(0));
    assertEquals("4194304 root           0      0      0   0.0   0:00.00 00:00:00 x", lines.get(1));
  }
}
