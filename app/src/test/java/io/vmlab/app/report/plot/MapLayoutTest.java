package io.vmlab.app.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.report.SampleResults;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.VmaRow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapLayoutTest {
  @Test
  void x8664ProcessHasThreeRegionsAndFourBreaks() {
    MapLayout l = MapLayout.of(SampleResults.x8664());
    // Top down: stack; mmap area (libraries, vvar, vdso); executable and heap.
    assertEquals(3, l.regions().size());
    assertEquals(0x7ffffffde000L, l.regions().get(0).start());
    assertEquals(0x7ffff7d8a000L, l.regions().get(1).start());
    assertEquals(0x555555554000L, l.regions().get(2).start());
    assertEquals(0x555555581000L, l.regions().get(2).end());
    // The stack ends at TASK_SIZE: the breaks are the two gaps and 0 up to the executable.
    assertEquals(3, l.breaks().size());
    // 0x7ffffffde000 - 0x7ffff7fff000 = 134082560 bytes
    assertEquals("~127.9 MiB unmapped", l.breaks().get(0).text());
    assertEquals(0, l.breaks().get(2).from());
    assertTrue(l.breaks().get(1).text().endsWith("TiB unmapped"), l.breaks().get(1).text());
  }

  @Test
  void ia32TopBreakReachesTaskSizeOrNothing() {
    MapLayout l = MapLayout.of(SampleResults.ia32());
    // The stack ends at TASK_SIZE 0xc0000000: no break above it. The vdso and the anonymous
    // mapping 1020 KiB below it share a region.
    assertEquals(0xc0000000L, l.regions().get(0).end());
    assertEquals(List.of(0xbffdf000L, 0xb7e00000L, 0x08048000L), l.regions().stream().map(MapLayout.Region::start)
        .toList());
    assertEquals(3, l.breaks().size());
  }

  @Test
  void segmentsAreToScaleWithinARegion() {
    MapLayout l = MapLayout.of(SampleResults.x8664());
    MapLayout.Region exe = l.regions().get(2);
    // [heap] is 132 KiB and cat's text 20 KiB, both above the minimum height.
    MapLayout.Segment heap = find(exe, "[heap]");
    MapLayout.Segment text = exe.segments().stream().filter(s -> s.vma().perms().equals("r-xp")).findFirst().get();
    double ratio = (heap.bottom() - heap.top()) / (text.bottom() - text.top());
    assertEquals(132.0 / 20.0, ratio, 1e-6);
    for (MapLayout.Region r : l.regions()) {
      for (MapLayout.Segment s : r.segments()) {
        assertTrue(s.bottom() - s.top() >= MapLayout.MIN_SEGMENT - 1e-9, s.toString());
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void randomLayoutsKeepOrderAndNeverOverlapLabels(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<VmaRow> vmas = new ArrayList<>();
    long at = 0x10000L + ((long) rnd.nextInt(1 << 20) << 12);
    String[] names = {"", "[heap]", "/lib/libc.so.6", "/bin/x", "[stack]", "[vdso]"};
    String[] perms = {"r--p", "r-xp", "rw-p", "---p"};
    int n = 1 + rnd.nextInt(120);
    for (int i = 0; i < n; i++) {
      long size = (1L + rnd.nextInt(rnd.nextBoolean() ? 4 : 70_000)) << 12;
      vmas.add(new VmaRow(at, at + size, perms[rnd.nextInt(perms.length)], names[rnd.nextInt(names.length)]));
      long gap = rnd.nextInt(4) == 0 ? 0 : (long) rnd.nextInt(rnd.nextBoolean() ? 16 : 1 << 24) << 12;
      at += size + gap;
    }
    MapLayout l = MapLayout.of(new AddressSpaceSnapshot(7, "r", "", 0x7ffffffff000L, vmas), MapLayout.DEFAULT_BREAK_GAP);
    double y = 0;
    long above = Long.MAX_VALUE;
    int segments = 0;
    for (MapLayout.Region r : l.regions()) {
      assertTrue(r.top() >= y, "seed " + seed + ": regions go down the page");
      assertTrue(Long.compareUnsigned(r.end(), above) <= 0, "seed " + seed + ": addresses go down");
      for (MapLayout.Segment s : r.segments()) {
        assertTrue(s.top() >= r.top() - 1e-6 && s.bottom() <= r.bottom() + 1e-6, "seed " + seed);
        segments++;
      }
      List<MapLayout.Label> labels = r.labels();
      for (int i = 1; i < labels.size(); i++) {
        assertTrue(labels.get(i).y() - labels.get(i - 1).y() >= MapLayout.LINE - 1e-6,
            "seed " + seed + ": labels overlap");
      }
      y = r.bottom();
      above = r.start();
    }
    assertEquals(n, segments, "seed " + seed + ": every VMA is drawn");
    assertTrue(l.width() > 0 && l.height() > y, "seed " + seed);
  }

  private static MapLayout.Segment find(MapLayout.Region r, String name) {
    return r.segments().stream().filter(s -> s.vma().name().equals(name)).findFirst().orElseThrow();
  }
}
