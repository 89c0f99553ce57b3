package io.vmlab.app.replay;

import io.vmlab.app.UserError;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.sys.Syscalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VMAs of a replay from a {@code /proc/PID/maps} file recorded with the trace. File-backed
 * lines become private (or shared) mappings of a file of that name whose pages start uncached;
 * anonymous lines, {@code [heap]} and {@code [stack]} become private anonymous memory; {@code
 * [vsyscall]} and {@code [vvar]} are left out (the kernel provides them or no user access reaches them).
 */
public final class ReplayMaps {
  /** One parsed line. */
  record Line(int number, long start, long end, String perms, long offset, int major, int minor, long inode,
      String name) {}

  private final Path file;
  private final List<Line> lines;

  private ReplayMaps(Path file, List<Line> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** Reads {@code file}; a malformed line is a {@code file:line:col} error. */
  public static ReplayMaps read(Path file) {
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String s;
      int n = 0;
      while ((s = r.readLine()) != null) {
        n++;
        if (s.isBlank() || s.startsWith("#")) {
          continue;
        }
        out.add(parse(file, n, s));
      }
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such maps file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the maps file: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new UserError(file + ": the maps file has no mappings");
    }
    return new ReplayMaps(file, out);
  }

  private static Line parse(Path file, int n, String s) {
    String[] f = s.trim().split("\\s+", 6);
    if (f.length < 5) {
      throw new UserError(file + ":" + n + ":1: expected 'start-end perms offset dev inode [path]', got '" + s + "'");
    }
    int dash = f[0].indexOf('-');
    try {
      if (dash < 0) {
        throw new NumberFormatException();
      }
      long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
      long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
      if (Long.compareUnsigned(start, end) >= 0 || (start & 0xfff) != 0 || (end & 0xfff) != 0) {
        throw new UserError(file + ":" + n + ":1: bad range " + f[0] + " (page-aligned start below end expected)");
      }
      if (!f[1].matches("[r-][w-][x-][ps]")) {
        throw new UserError(file + ":" + n + ":" + column(s, 1) + ": bad permissions '" + f[1]
            + "' (expected four characters like r-xp)");
      }
      long offset = Long.parseUnsignedLong(f[2], 16);
      int colon = f[3].indexOf(':');
      if (colon < 0) {
        throw new UserError(file + ":" + n + ":" + column(s, 3) + ": bad device '" + f[3] + "' (expected major:minor in hex, like 08:01)");
      }
      int major = Integer.parseInt(f[3].substring(0, colon), 16);
      int minor = Integer.parseInt(f[3].substring(colon + 1), 16);
      long inode = Long.parseLong(f[4]);
      return new Line(n, start, end, f[1], offset, major, minor, inode, f.length == 6 ? f[5].trim() : "");
    } catch (NumberFormatException e) {
      throw new UserError(file + ":" + n + ":1: bad number in '" + s + "' (addresses and offset are hex)");
    }
  }

  /** The 1-based column where the {@code field}-th (0-based) blank-separated field of {@code s} starts. */
  private static int column(String s, int field) {
    int i = 0;
    for (int k = 0; ; k++) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (k == field || i >= s.length()) {
        return i + 1;
      }
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }

  /** Maps every line into {@code t}'s address space. */
  public int install(Kernel kernel, Syscalls sys, Task t) {
    Map<String, OpenFile> files = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, Line> first = new LinkedHashMap<>();
    for (Line l : lines) {
      if (isFile(l.name())) {
        sizes.merge(l.name(), l.offset() + (l.end() - l.start()), Math::max);
        first.putIfAbsent(l.name(), l);
      }
    }
    long ino = 1000;
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      // The recorded device and inode, so the replay's maps read like the recorded ones.
      Line l = first.get(e.getKey());
      Inode inode = l.inode() != 0 ? kernel.createFile(e.getKey(), l.major(), l.minor(), l.inode(), e.getValue(), 0)
          : kernel.createFile(e.getKey(), 8, 1, ino++, e.getValue(), 0);
      files.put(e.getKey(), new OpenFile(inode, true, true));
    }
    int mapped = 0;
    for (Line l : lines) {
      if (l.name().equals("[vsyscall]") || l.name().equals("[vvar]")) {
        continue;
      }
      int prot = (l.perms().charAt(0) == 'r' ? 1 : 0) | (l.perms().charAt(1) == 'w' ? 2 : 0)
          | (l.perms().charAt(2) == 'x' ? 4 : 0);
      boolean shared = l.perms().charAt(3) == 's';
      OpenFile f = files.get(l.name());
      int flags = (shared ? 0x01 : 0x02) | 0x10 | (f == null ? 0x20 : 0);
      long r = sys.mmap(t, l.start(), l.end() - l.start(), prot, flags, f, f == null ? 0 : l.offset());
      if (Errno.isError(r)) {
        throw new UserError(file + ":" + l.number() + ":1: cannot map " + Long.toHexString(l.start()) + "-"
            + Long.toHexString(l.end()) + " on this machine (" + Errno.of(r) + ")");
      }
      mapped++;
    }
    return mapped;
  }

  private static boolean isFile(String name) {
    return name.startsWith("/");
  }
}
