package io.vmlab.app.report.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TIME against procps-ng ps/output.c {@code pr_time}: whole seconds ((utime+stime)/Hertz,
 * truncated), {@code "%u-"} for days when non-zero, then {@code "%02u:%02u:%02u"}.
 */
class PsFormatTest {
  @ParameterizedTest(name = "{0} s -> {1}")
  @CsvSource(delimiter = '|', value = {
    "0 | 00:00:00",
    "1 | 00:00:01",
    "1515 | 00:25:15",
    "86399 | 23:59:59",
    "86400 | 1-00:00:00",
    "93784 | 1-02:03:04",
    "8640000 | 100-00:00:00"
  })
  void timeFollowsPrTime(long seconds, String expected) {
    assertEquals(expected, PsFormat.time(seconds));
  }

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource(delimiter = '|', value = {"999999999 | 00:00:00", "1000000000 | 00:00:01", "1515200000000 | 00:25:15"})
  void nanosAreTruncatedToSeconds(long nanos, String expected) {
    assertEquals(expected, PsFormat.timeOfNanos(nanos));
  }
}
