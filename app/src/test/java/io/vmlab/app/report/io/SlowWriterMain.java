package io.vmlab.app.report.io;

import java.nio.file.Path;

/** For AtomicOutputTest: starts an atomic write, says so on stdout, then hangs until killed. */
public final class SlowWriterMain {
  private SlowWriterMain() {}

  /** {@code args[0]}: the target file. */
  public static void main(String[] args) {
    AtomicOutput.write(Path.of(args[0]), out -> {
      out.write("index,experiment\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      System.out.println("writing");
      System.out.flush();
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
