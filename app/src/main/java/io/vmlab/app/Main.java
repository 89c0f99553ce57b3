package io.vmlab.app;

import io.vmlab.app.cli.Cli;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The {@code vmlab} entry point. */
public final class Main {
  private Main() {}

  /** Runs vmlab and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs vmlab with {@code args}, writing to {@code out} and {@code err}; returns the exit code
   * (0 ok, 1 failure, 2 usage or configuration error) instead of exiting.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--verbose")) {
      verboseLogging();
    }
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return Cli.create(o, e).execute(args);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /**
   * Raises slf4j-simple's levels (simplelogger.properties has WARN). System properties win over
   * the file, but only before the first logger is created: in a JVM that already logged (a test
   * run), this has no effect.
   */
  private static void verboseLogging() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", "info");
  }
}
