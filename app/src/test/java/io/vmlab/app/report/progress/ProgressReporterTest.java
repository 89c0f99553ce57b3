package io.vmlab.app.report.progress;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  @Test
  void quietShowsNothing() {
    try (ProgressReporter p = ProgressReporter.open("replay", 100, true)) {
      assertSame(NoProgress.INSTANCE, p);
      p.step(50);
    }
  }

  @Test
  void noTerminalShowsNothing() {
    // Under surefire stdin, stdout and stderr are pipes: System.console() is null.
    try (ProgressReporter p = ProgressReporter.open("sweep", 10, false)) {
      assertSame(NoProgress.INSTANCE, p);
      p.step(10);
    }
  }
}
