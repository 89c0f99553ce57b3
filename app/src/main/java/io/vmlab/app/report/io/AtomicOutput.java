package io.vmlab.app.report.io;

import io.vmlab.app.UserError;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams an output file into a temporary file in the target's directory, flushes it to disk and
 * renames it over the target. An exception from the body, an I/O error or Ctrl-C leaves the old
 * target (or none) and no temporary file.
 */
public final class AtomicOutput {
  /** Writes bytes to a stream; may throw. */
  @FunctionalInterface
  public interface Body {
    /** Writes the file's contents to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes text to a writer; may throw. */
  @FunctionalInterface
  public interface TextBody {
    /** Writes the file's contents to {@code out}. */
    void writeTo(Writer out) throws IOException;
  }

  private AtomicOutput() {}

  /** Writes {@code target} from {@code body}, atomically. */
  public static void write(Path target, Body body) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      FileChannel opened = null;
      for (int attempt = 0; opened == null; attempt++) {
        Path candidate = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
            + ".tmp");
        try {
          // CREATE_NEW with default permissions (0666 less the umask), unlike createTempFile's 0600.
          opened = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          tmp = candidate;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          if (attempt == 16) {
            throw e;
          }
        }
      }
      if (!TempFiles.register(tmp)) {
        opened.close();
        throw new IOException("vmlab is shutting down");
      }
      try (FileChannel ch = opened) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      TempFiles.release(tmp);
      tmp = null;
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The shutdown hook tries again.
        }
        TempFiles.release(tmp);
      }
    }
  }

  /** Writes {@code target} as UTF-8 text from {@code body}, atomically. */
  public static void writeText(Path target, TextBody body) {
    write(target, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      body.writeTo(w);
      w.flush();
    });
  }

  /** Writes {@code text} to {@code target}, atomically. */
  public static void writeString(Path target, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException f) {
      return f.getFile() + " is in the way (not a directory?)";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
