package io.vmlab.app.trace.io;

import io.vmlab.app.UserError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A large output file written in a stream: into a temporary file beside the target, renamed onto
 * the target by {@link #commit}. Closing without committing (an error, Ctrl-C) deletes the
 * temporary file, so the target is whole or untouched (as io.vmlab.app.format.AtomicFiles does
 * for output that fits in memory).
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final FileChannel channel;
  private boolean committed;

  private AtomicOutput(Path target, Path tmp, FileChannel channel) {
    this.target = target;
    this.tmp = tmp;
    this.channel = channel;
  }

  /** Starts writing {@code target}. */
  public static AtomicOutput create(Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
      // Ctrl-C runs shutdown hooks: the temporary file goes too.
      tmp.toFile().deleteOnExit();
      return new AtomicOutput(abs, tmp,
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The channel to write (and seek) the temporary file through. */
  public FileChannel channel() {
    return channel;
  }

  /** The final name. */
  public Path target() {
    return target;
  }

  /** Flushes and renames the temporary file onto the target (readable by all, as a new file would be). */
  public void commit() {
    try {
      channel.force(false);
      channel.close();
      if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      committed = true;
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** An I/O failure while writing, as the one-line error the user sees. */
  public UserError failure(IOException e) {
    return new UserError("cannot write " + target + ": " + e.getMessage(), e);
  }

  /** Deletes the temporary file unless committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // Only the temporary file can be left; deleteOnExit tries again.
    }
  }
}
