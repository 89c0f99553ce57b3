package io.vmlab.app.report.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir
  Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesTheWholeFile() throws IOException {
    AtomicOutput.writeString(dir.resolve("a.txt"), "hello\n");
    assertEquals("hello\n", Files.readString(dir.resolve("a.txt")));
    assertEquals(List.of("a.txt"), names());
    assertEquals(0, TempFiles.live());
  }

  @Test
  void outputHasTheUsualPermissionsNotThoseOfATempFile() throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    AtomicOutput.writeString(dir.resolve("report.html"), "<html></html>\n");
    Path plain = Files.createFile(dir.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve("report.html")));
  }

  @Test
  void aFailureMidWriteLeavesNoFile() throws IOException {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> AtomicOutput.write(dir.resolve("results.csv"), out -> {
          out.write(new byte[100_000]);
          throw new IllegalStateException("simulated failure after 100000 bytes");
        }));
    assertTrue(e.getMessage().contains("simulated"));
    assertEquals(List.of(), names());
    assertEquals(0, TempFiles.live());
  }

  @Test
  void aFailureKeepsTheOldFile() throws IOException {
    AtomicOutput.writeString(dir.resolve("results.json"), "{\"old\":true}\n");
    assertThrows(UserError.class, () -> AtomicOutput.write(dir.resolve("results.json"), out -> {
      out.write('{');
      throw new IOException("disk full");
    }));
    assertEquals("{\"old\":true}\n", Files.readString(dir.resolve("results.json")));
    assertEquals(List.of("results.json"), names());
  }

  @Test
  void aFileInTheWayOfTheDirectoryIsAUserError() throws IOException {
    Files.writeString(dir.resolve("out"), "not a directory");
    UserError e = assertThrows(UserError.class, () -> AtomicOutput.writeString(dir.resolve("out/results.csv"), "x"));
    assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
  }

  @Test
  void theShutdownHookRemovesTemporaryFilesOfAKilledRun() throws Exception {
    Path target = dir.resolve("results.csv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
        SlowWriterMain.class.getName(), target.toString()).redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("writing", r.readLine());
      List<String> during = names();
      assertEquals(1, during.size(), during.toString());
      assertTrue(during.get(0).startsWith(".results.csv.") && during.get(0).endsWith(".tmp"), during.toString());
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the writer did not stop on SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    assertFalse(Files.exists(target));
    assertEquals(List.of(), names());
  }
}
