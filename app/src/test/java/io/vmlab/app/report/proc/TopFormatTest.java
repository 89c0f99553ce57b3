package io.vmlab.app.report.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TIME+ and the memory columns against procps-ng 4.0.x top/top.c: {@code scale_tics(tics, 9,
 * justr, TICS_AS_SECS)} for TIME+ (EU_TM2, width 9) and {@code scale_mem(SK_Kb, kib, width, ..)}
 * for VIRT (7) and RES/SHR (6). The expected strings follow that code by hand (mmLIMIT 360 minutes,
 * hhLIMIT 96 hours, ddLIMIT 14 days; Debian 12's /usr/bin/top, procps 2:4.0.2, holds the formats
 * "%lu:%02lu.%02lu", "%lu,%02lu", "%lud+%luh" and "%luw+%lud"); the small ones were also seen in
 * that top's batch output (e.g. 104 ticks of a busy process: {@code 0:01.04}).
 */
class TopFormatTest {
  @ParameterizedTest(name = "{0} ticks -> TIME+ {1}")
  @CsvSource(delimiter = '|', value = {
    "0 | 0:00.00",
    "1 | 0:00.01",
    "104 | 0:01.04",
    "6000 | 1:00.00",
    // 25 min 15.20 s: the form top shows for most processes.
    "151520 | 25:15.20",
    // 123 minutes keep their hundredths: procps-ng 4 switches at 360 minutes, not at 100.
    "742567 | 123:45.67",
    "2165999 | 360:59.99",
    // 361 minutes: hours,minutes (an old top, procps 3.3, printed 361:00 here).
    "2166000 | 6,01",
    // 1234 min 56 s = 20 h 34 min.
    "7409600 | 20,34",
    // 96 h 59 min is the last hours,minutes; 97 h becomes days+hours.
    "34919999 | 96,59",
    "34920000 | 4d+1h",
    // 14 days 23 hours, then weeks+days from 15 days.
    "129599999 | 14d+23h",
    "129600000 | 2w+1d",
    // 1000 and 10000 weeks; from 100000 weeks weeks+days no longer fits in 9.
    "60480000000 | 1000w+0d",
    "604800000000 | 10000w+0d",
    "6048000000000 | 100000w"
  })
  void timePlusFollowsScaleTics(long ticks, String expected) {
    assertEquals(expected, TopFormat.timePlus(ticks));
  }

  @ParameterizedTest(name = "{0} ticks -> TIME {1}")
  @CsvSource(delimiter = '|', value = {
    "104 | 0:01",
    "151520 | 25:15",
    "2165999 | 360:59",
    "2166000 | 6,01"
  })
  void topTimeIsTheNarrowField(long ticks, String expected) {
    assertEquals(expected, TopFormat.time(ticks));
  }

  @ParameterizedTest(name = "{0} KiB in {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "0 | 6 | 0",
    "2920 | 7 | 2920",
    "999999 | 6 | 999999",
    // 1000000 KiB = 976.5625 MiB
    "1000000 | 6 | 976.6m",
    // 1234567 KiB: 1205.6m is 7 characters, so GiB.
    "1234567 | 6 | 1.2g",
    "1234567 | 7 | 1234567",
    // 1.25 GiB exactly: C rounds the tie to even (1.2g), Java's %.1f would say 1.3g.
    "1310720 | 6 | 1.2g",
    // 9999999 KiB fits VIRT's 7 columns unscaled.
    "9999999 | 7 | 9999999",
    "10000000 | 7 | 9765.6m",
    "137438953472 | 7 | 128.0t"
  })
  void memoryFollowsScaleMem(long kib, int width, String expected) {
    assertEquals(expected, TopFormat.scaleMem(kib, width));
  }

  @ParameterizedTest(name = "RES {0} of {1} KiB -> %MEM {2}")
  @CsvSource(delimiter = '|', value = {
    "1760 | 16384000 | 0.0",
    "17424 | 16384000 | 0.1",
    "8192 | 16384 | 50.0",
    "16384 | 16384 | 100.0",
    // A 1/8 tie: 12.5 exactly, kept at one decimal.
    "2048 | 16384 | 12.5"
  })
  void memPercentFollowsScalePcnt(long res, long total, String expected) {
    assertEquals(expected, TopFormat.memPercent(res, total));
  }

  @ParameterizedTest(name = "{0} ns -> {1} ticks")
  @CsvSource(delimiter = '|', value = {"0 | 0", "9999999 | 0", "10000000 | 1", "1515200000000 | 151520"})
  void ticksAreUserHzHundredths(long nanos, long ticks) {
    assertEquals(ticks, TopFormat.ticks(nanos));
  }
}
