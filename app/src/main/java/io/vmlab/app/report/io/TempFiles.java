package io.vmlab.app.report.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files output writers have open. A JVM shutdown hook (Ctrl-C, SIGTERM,
 * System.exit) deletes those still there, so an interrupted run leaves no {@code .tmp} litter;
 * once shutdown began, no new temporary file may be registered.
 */
final class TempFiles {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean shuttingDown;
  private static boolean hooked;

  private TempFiles() {}

  /** Tracks {@code tmp}; false (and {@code tmp} deleted) if the JVM is already shutting down. */
  static boolean register(Path tmp) {
    installHook();
    LIVE.add(tmp);
    if (shuttingDown) {
      LIVE.remove(tmp);
      deleteQuietly(tmp);
      return false;
    }
    return true;
  }

  /** Stops tracking {@code tmp} (renamed or deleted by its writer). */
  static void release(Path tmp) {
    LIVE.remove(tmp);
  }

  /** How many temporary files are open (tests). */
  static int live() {
    return LIVE.size();
  }

  /** What the shutdown hook does: delete every tracked temporary file. */
  static void deleteAll() {
    for (Path p : LIVE) {
      deleteQuietly(p);
      LIVE.remove(p);
    }
  }

  private static synchronized void installHook() {
    if (!hooked) {
      Thread hook = new Thread(() -> {
        shuttingDown = true;
        deleteAll();
      }, "vmlab-temp-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      hooked = true;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // Best effort at exit: nothing else can be done about it.
    }
  }
}
