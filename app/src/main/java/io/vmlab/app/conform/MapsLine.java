package io.vmlab.app.conform;

import io.vmlab.kernel.mm.VmFlags;

/** One parsed /proc/PID/maps line. */
record MapsLine(long start, long end, String perms, long offset, String dev, long inode, String name) {
  static MapsLine parse(String line) {
    String[] f = line.trim().split("\\s+", 6);
    String[] range = f[0].split("-");
    return new MapsLine(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), f[1],
        Long.parseUnsignedLong(f[2], 16), f[3], Long.parseLong(f[4]), f.length > 5 ? f[5].trim() : "");
  }

  /** Flags from the permission string (when no smaps VmFlags are recorded). */
  long flagsFromPerms() {
    long fl = VmFlags.MAYREAD | VmFlags.MAYWRITE | VmFlags.MAYEXEC;
    if (perms.charAt(0) == 'r') {
      fl |= VmFlags.READ;
    }
    if (perms.charAt(1) == 'w') {
      fl |= VmFlags.WRITE;
    }
    if (perms.charAt(2) == 'x') {
      fl |= VmFlags.EXEC;
    }
    if (perms.charAt(3) == 's') {
      fl |= VmFlags.SHARED | VmFlags.MAYSHARE;
    }
    return fl;
  }
}
