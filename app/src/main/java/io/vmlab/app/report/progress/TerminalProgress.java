package io.vmlab.app.report.progress;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A me.tongfei progress bar on stderr. JLine (which the library asks for the terminal width) logs
 * through java.util.logging; its logger is silenced so no JLine warning reaches the user. Bars
 * still open at JVM shutdown (Ctrl-C) are closed by a hook, ending their line.
 */
final class TerminalProgress implements ProgressReporter {
  /** Held so the silenced level is not lost when the logger is garbage-collected. */
  private static final Logger JLINE = Logger.getLogger("org.jline");
  private static final Set<TerminalProgress> OPEN = ConcurrentHashMap.newKeySet();
  private static boolean hooked;

  private final ProgressBar bar;
  private boolean closed;

  private TerminalProgress(ProgressBar bar) {
    this.bar = bar;
  }

  static TerminalProgress open(String task, long total) {
    JLINE.setLevel(Level.OFF);
    installHook();
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset());
    boolean unicode = StandardCharsets.UTF_8.equals(Charset.defaultCharset());
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total > 0 ? total : -1)
        .setStyle(unicode ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .showSpeed()
        .build();
    TerminalProgress p = new TerminalProgress(bar);
    OPEN.add(p);
    return p;
  }

  @Override
  public void step(long n) {
    if (n > 0) {
      bar.stepBy(n);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      OPEN.remove(this);
      bar.close();
    }
  }

  private static synchronized void installHook() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(TerminalProgress::close),
          "vmlab-progress-close"));
      hooked = true;
    }
  }
}
