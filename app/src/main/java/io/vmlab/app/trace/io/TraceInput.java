package io.vmlab.app.trace.io;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.vmlab.app.trace.TraceError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The decompressed bytes of a trace file, read in large chunks. Every I/O or decompression
 * failure becomes a {@link TraceError} naming the file (a truncated or corrupt archive is the
 * user's input, not a bug).
 */
public final class TraceInput implements AutoCloseable {
  private static final int GZIP_BUFFER = 1 << 16;

  private final Path path;
  private final Compression compression;
  private final InputStream in;

  private TraceInput(Path path, Compression compression, InputStream in) {
    this.path = path;
    this.compression = compression;
    this.in = in;
  }

  /** Opens {@code path}, decompressing as its magic bytes say. */
  public static TraceInput open(Path path) {
    Compression c = Compression.detect(head(path, 4), 4);
    InputStream raw = null;
    try {
      raw = Files.newInputStream(path);
      InputStream in = switch (c) {
        case NONE -> raw;
        case GZIP -> new GZIPInputStream(raw, GZIP_BUFFER);
        case ZSTD -> new ZstdInputStreamNoFinalizer(raw);
      };
      return new TraceInput(path, c, in);
    } catch (IOException e) {
      closeQuietly(raw);
      throw failure(path, c, e);
    }
  }

  /**
   * The first {@code n} bytes of the file (fewer if it is shorter; zeros after its end), as
   * stored, before any decompression.
   */
  public static byte[] head(Path path, int n) {
    byte[] b = new byte[n];
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer bb = ByteBuffer.wrap(b);
      while (bb.hasRemaining() && ch.read(bb) > 0) {
        // keep reading until n bytes or the end of the file
      }
      return b;
    } catch (IOException e) {
      throw failure(path, Compression.NONE, e);
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** How the file is compressed. */
  public Compression compression() {
    return compression;
  }

  /**
   * Reads decompressed bytes into {@code b[off..off+len)} until it is full or the input ends;
   * returns the count, 0 only at the end.
   */
  public int readFully(byte[] b, int off, int len) {
    int done = 0;
    try {
      while (done < len) {
        int r = in.read(b, off + done, len - done);
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    } catch (IOException | RuntimeException e) {
      // zstd-jni reports some corruption as unchecked exceptions.
      throw failure(path, compression, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private static void closeQuietly(InputStream s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Reading is over; a failing close changes nothing for the caller.
      }
    }
  }

  /** The one-line error for {@code e} while reading {@code path} (compressed as {@code c}). */
  public static TraceError failure(Path path, Compression c, Exception e) {
    if (e instanceof NoSuchFileException) {
      return TraceError.of(path, "no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return TraceError.of(path, "permission denied", e);
    }
    if (Files.isDirectory(path)) {
      return TraceError.of(path, "is a directory", e);
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (c == Compression.NONE) {
      return TraceError.of(path, "cannot read: " + what, e);
    }
    return TraceError.of(path, "truncated or corrupt " + c.id() + " data (" + what + ")", e);
  }
}
