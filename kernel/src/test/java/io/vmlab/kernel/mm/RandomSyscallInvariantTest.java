package io.vmlab.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.Access;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.pgtable.PageTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thousands of seeded random mmap, munmap, mprotect, mremap, brk, madvise, mlock and munlock
 * calls, with touches in between so pages and page tables exist (and now and then a fork, after
 * which the child carries on), on a minimal process of every
 * machine mode (and a compat task, and the 6.18 profile). After each call: the VMAs are sorted,
 * page aligned, never overlap and lie in [mmap_min_addr, TASK_SIZE); the tree's gap bookkeeping
 * equals a recount; total_vm, exec_vm, stack_vm, data_vm and locked_vm equal a recount; VmPTE
 * equals a walk of the page table; and the call returned a valid result or an errno its man
 * page documents.
 *
 * <p>The seed is in each test's name; {@code -Dvmlab.seed=N} runs every profile with seed N.
 */
class RandomSyscallInvariantTest {
  private static final long PAGE = 4096;
  private static final int CALLS = 3000;
  /** -Dvmlab.trace=true: failures show the maps before the call too (slower). */
  private static final boolean TRACE = Boolean.getBoolean("vmlab.trace");

  /** A machine and process kind. */
  enum Profile {
    IA32_2LEVEL(Mode.IA32_2LEVEL, KernelVersion.V6_1, null),
    IA32_PAE(Mode.IA32_PAE, KernelVersion.V6_1, null),
    X86_64_4LEVEL(Mode.X86_64_4LEVEL, KernelVersion.V6_1, null),
    X86_64_5LEVEL(Mode.X86_64_5LEVEL, KernelVersion.V6_1, null),
    I386_COMPAT(Mode.X86_64_4LEVEL, KernelVersion.V6_1, "i386"),
    X86_64_6_18(Mode.X86_64_4LEVEL, KernelVersion.V6_18, null);

    final Mode mode;
    final KernelVersion version;
    final String abi;

    Profile(Mode mode, KernelVersion version, String abi) {
      this.mode = mode;
      this.version = version;
      this.abi = abi;
    }

    TestProcess boot() {
      Kernel k = TestKernels.of(mode).version(version).build();
      return abi == null ? TestProcess.on(k) : TestProcess.on(k, abi);
    }
  }

  static Stream<Arguments> runs() {
    String fixed = System.getProperty("vmlab.seed");
    long[] seeds = {0x1a2b3c4dL, 7, 20250611L, 0xdeadbeefL, 42, 0x6180_6180L};
    List<Arguments> out = new ArrayList<>();
    for (Profile p : Profile.values()) {
      long seed = fixed != null ? Long.decode(fixed) : seeds[p.ordinal()];
      out.add(Arguments.of(p, seed));
    }
    return out.stream();
  }

  private static final Set<Errno> MMAP_ERRORS = EnumSet.of(Errno.EACCES, Errno.EAGAIN, Errno.EBADF, Errno.EEXIST,
      Errno.EINVAL, Errno.ENODEV, Errno.ENOMEM, Errno.EOVERFLOW, Errno.EPERM, Errno.ETXTBSY, Errno.EOPNOTSUPP);
  private static final Set<Errno> MUNMAP_ERRORS = EnumSet.of(Errno.EINVAL, Errno.ENOMEM);
  private static final Set<Errno> MPROTECT_ERRORS = EnumSet.of(Errno.EACCES, Errno.EFAULT, Errno.EINVAL, Errno.ENOMEM);
  private static final Set<Errno> MREMAP_ERRORS = EnumSet.of(Errno.EAGAIN, Errno.EFAULT, Errno.EINVAL, Errno.ENOMEM);
  private static final Set<Errno> MADVISE_ERRORS = EnumSet.of(Errno.EACCES, Errno.EAGAIN, Errno.EBADF, Errno.EFAULT,
      Errno.EINVAL, Errno.ENOMEM, Errno.EPERM);
  private static final Set<Errno> MLOCK_ERRORS = EnumSet.of(Errno.EAGAIN, Errno.EINVAL, Errno.ENOMEM, Errno.EPERM);

  private static final int[] PROTS = {
    Mman.PROT_NONE, Mman.PROT_READ, Mman.PROT_READ | Mman.PROT_WRITE, Mman.PROT_READ | Mman.PROT_EXEC,
    Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_EXEC, Mman.PROT_WRITE
  };
  private static final int[] ADVICE = {
    Mman.MADV_NORMAL, Mman.MADV_RANDOM, Mman.MADV_SEQUENTIAL, Mman.MADV_WILLNEED, Mman.MADV_DONTNEED,
    Mman.MADV_FREE, Mman.MADV_DONTFORK, Mman.MADV_DOFORK, Mman.MADV_WIPEONFORK, Mman.MADV_KEEPONFORK,
    Mman.MADV_HUGEPAGE, Mman.MADV_NOHUGEPAGE, Mman.MADV_DONTDUMP, Mman.MADV_DODUMP, Mman.MADV_MERGEABLE,
    Mman.MADV_UNMERGEABLE, Mman.MADV_POPULATE_READ, Mman.MADV_POPULATE_WRITE, Mman.MADV_COLD, 5, 99
  };

  private SplittableRandom rnd;
  private TestProcess p;
  private MmStruct mm;
  private long window;
  private long windowPages;
  private OpenFile file;
  private OpenFile readOnlyFile;
  private String op;
  private String before;
  /**
   * locked_vm less the recount. Linux's MREMAP_DONTUNMAP clears VM_LOCKED on the whole source
   * VMA and leaves locked_vm alone (mm/mremap.c move_vma: "we won't unmap"), so after such a
   * move of part of a locked VMA the counter keeps pages no VMA marks locked. Only that call may
   * change the difference.
   */
  private long lockedDrift;
  private boolean lockedDriftMayChange;

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("runs")
  void randomCallsKeepTheAddressSpaceConsistent(Profile profile, long seed) {
    rnd = new SplittableRandom(seed);
    p = profile.boot();
    mm = p.task.mm();
    p.task.setPrivileged(false);
    Inode inode = p.kernel.createCachedFile("/data/f", 8, 1, 12, 24 * PAGE, 0x61, false);
    file = new OpenFile(inode, true, true);
    readOnlyFile = new OpenFile(inode, true, false);
    // A window of 8 MiB starting just above the program break: crosses PTE-table boundaries
    // on every mode and collides with the heap.
    window = ((mm.startBrk() + 0xfff) & ~0xfffL) + rnd.nextInt(256) * PAGE;
    windowPages = 2048;
    check(profile, seed, -1);
    for (int i = 0; i < CALLS; i++) {
      if (TRACE) {
        before = p.maps();
      }
      step();
      check(profile, seed, i);
    }
  }

  private void step() {
    int kind = rnd.nextInt(100);
    if (kind < 22) {
      mmap();
    } else if (kind < 34) {
      munmap();
    } else if (kind < 50) {
      mprotect();
    } else if (kind < 60) {
      mremap();
    } else if (kind < 66) {
      brk();
    } else if (kind < 76) {
      madvise();
    } else if (kind < 80) {
      mlock();
    } else if (kind < 99) {
      touch();
    } else {
      fork();
    }
  }

  // --- the calls ---------------------------------------------------------------------------

  private void mmap() {
    int prot = PROTS[rnd.nextInt(PROTS.length)];
    int flags = rnd.nextInt(6) == 0 ? Mman.MAP_SHARED : Mman.MAP_PRIVATE;
    boolean anon = rnd.nextInt(5) != 0;
    if (anon) {
      flags |= Mman.MAP_ANONYMOUS;
    }
    long addr = 0;
    int placement = rnd.nextInt(10);
    if (placement < 4) {
      addr = windowAddress();
      flags |= Mman.MAP_FIXED;
    } else if (placement < 5) {
      addr = windowAddress();
      flags |= Mman.MAP_FIXED_NOREPLACE;
    } else if (placement < 7) {
      addr = windowAddress();
    }
    if (rnd.nextInt(12) == 0) {
      flags |= Mman.MAP_POPULATE;
    }
    if (rnd.nextInt(20) == 0) {
      flags |= Mman.MAP_LOCKED;
    }
    if (rnd.nextInt(10) == 0) {
      flags |= Mman.MAP_NORESERVE;
    }
    if (anon && rnd.nextInt(15) == 0) {
      flags |= Mman.MAP_GROWSDOWN;
    }
    if (rnd.nextInt(20) == 0) {
      flags |= Mman.MAP_32BIT;
    }
    long len = length();
    long offset = anon ? 0 : rnd.nextInt(16) * PAGE;
    OpenFile f = anon ? null : (rnd.nextInt(4) == 0 ? readOnlyFile : file);
    if (rnd.nextInt(40) == 0) {
      // Bad arguments: an unaligned offset, no mapping type, a zero length.
      switch (rnd.nextInt(3)) {
        case 0 -> offset += 1;
        case 1 -> flags &= ~Mman.MAP_TYPE;
        default -> len = 0;
      }
    }
    op = "mmap(0x" + Long.toHexString(addr) + ", " + len + ", " + prot + ", 0x" + Integer.toHexString(flags)
        + (f == null ? "" : ", " + (f == file ? "rw" : "ro") + " file, " + offset) + ")";
    long r = p.sys.mmap(p.task, addr, len, prot, flags, f, offset);
    if (Errno.isError(r)) {
      expectErrno(r, MMAP_ERRORS);
      return;
    }
    long aligned = (len + 0xfff) & ~0xfffL;
    expectAddress(r, aligned);
    if ((flags & (Mman.MAP_FIXED | Mman.MAP_FIXED_NOREPLACE)) != 0 && r != addr) {
      fail(op + " returned 0x" + Long.toHexString(r) + ", not the fixed address");
    }
  }

  private void munmap() {
    long addr = someAddress();
    long len = length();
    if (rnd.nextInt(30) == 0) {
      addr += 0x10;
    }
    op = "munmap(0x" + Long.toHexString(addr) + ", " + len + ")";
    expectZero(p.sys.munmap(p.task, addr, len), MUNMAP_ERRORS);
  }

  private void mprotect() {
    long addr = someAddress();
    long len = length();
    int prot = PROTS[rnd.nextInt(PROTS.length)];
    if (rnd.nextInt(25) == 0) {
      prot |= rnd.nextBoolean() ? 0x10 : Mman.PROT_GROWSDOWN;
    }
    op = "mprotect(0x" + Long.toHexString(addr) + ", " + len + ", 0x" + Integer.toHexString(prot) + ")";
    expectZero(p.sys.mprotect(p.task, addr, len, prot), MPROTECT_ERRORS);
  }

  private void mremap() {
    long addr = someAddress();
    long oldLen = rnd.nextInt(8) == 0 ? 0 : length();
    long newLen = length();
    int flags = switch (rnd.nextInt(6)) {
      case 0 -> 0;
      case 1, 2 -> Mman.MREMAP_MAYMOVE;
      case 3 -> Mman.MREMAP_MAYMOVE | Mman.MREMAP_FIXED;
      case 4 -> Mman.MREMAP_MAYMOVE | Mman.MREMAP_DONTUNMAP;
      default -> rnd.nextInt(10) == 0 ? 8 : Mman.MREMAP_MAYMOVE | Mman.MREMAP_FIXED | Mman.MREMAP_DONTUNMAP;
    };
    if ((flags & Mman.MREMAP_DONTUNMAP) != 0 && rnd.nextInt(4) != 0) {
      newLen = oldLen;
    }
    long newAddr = (flags & Mman.MREMAP_FIXED) != 0 ? windowAddress() : 0;
    Vma source = mm.vmas().lookup(addr);
    lockedDriftMayChange = (flags & Mman.MREMAP_DONTUNMAP) != 0 && source != null && source.has(VmFlags.LOCKED);
    op = "mremap(0x" + Long.toHexString(addr) + ", " + oldLen + ", " + newLen + ", " + flags + ", 0x"
        + Long.toHexString(newAddr) + ")";
    long r = p.sys.mremap(p.task, addr, oldLen, newLen, flags, newAddr);
    if (Errno.isError(r)) {
      expectErrno(r, MREMAP_ERRORS);
      return;
    }
    if (r != addr) {
      // In place (a shrink, or old_len == new_len) the result is addr whatever the lengths say.
      expectAddress(r, (newLen + 0xfff) & ~0xfffL);
    }
    if ((flags & Mman.MREMAP_FIXED) != 0 && r != newAddr) {
      fail(op + " returned 0x" + Long.toHexString(r) + ", not new_address");
    }
    if ((flags & Mman.MREMAP_MAYMOVE) == 0 && r != addr) {
      fail(op + " moved without MREMAP_MAYMOVE to 0x" + Long.toHexString(r));
    }
  }

  private void brk() {
    long old = mm.brk();
    long want = switch (rnd.nextInt(5)) {
      case 0 -> 0;
      case 1 -> mm.startBrk() - PAGE;
      default -> Math.max(0, old + (rnd.nextInt(129) - 48) * PAGE + rnd.nextInt(4) * 0x123);
    };
    op = "brk(0x" + Long.toHexString(want) + ")";
    long r = p.sys.brk(p.task, want);
    if (r != want && r != old) {
      fail(op + " returned 0x" + Long.toHexString(r) + ": neither the new nor the old break 0x" + Long.toHexString(old));
    }
    assertEquals(r, mm.brk(), op);
  }

  private void madvise() {
    long addr = someAddress();
    long len = length();
    int advice = ADVICE[rnd.nextInt(ADVICE.length)];
    op = "madvise(0x" + Long.toHexString(addr) + ", " + len + ", " + advice + ")";
    expectZero(p.sys.madvise(p.task, addr, len, advice), MADVISE_ERRORS);
  }

  private void mlock() {
    long addr = someAddress();
    long len = length();
    boolean lock = rnd.nextBoolean();
    op = (lock ? "mlock" : "munlock") + "(0x" + Long.toHexString(addr) + ", " + len + ")";
    expectZero(lock ? p.sys.mlock(p.task, addr, len) : p.sys.munlock(p.task, addr, len), MLOCK_ERRORS);
  }

  /** fork(): the calls go on in the child; the parent exits half of the time. */
  private void fork() {
    op = "fork()";
    TestProcess child = p.fork();
    if (rnd.nextBoolean()) {
      p.sys.exit(p.task);
    }
    p = child;
    mm = child.task.mm();
    // dup_mmap() drops VM_LOCKED and the child's locked_vm starts at 0.
    lockedDrift = 0;
  }

  private void touch() {
    List<Vma> vmas = p.vmas();
    Vma v = vmas.get(rnd.nextInt(vmas.size()));
    long addr = v.start() + rnd.nextLong(Math.max(1, v.end() - v.start()));
    if (rnd.nextInt(10) == 0) {
      addr = v.start() - PAGE * (1 + rnd.nextInt(4)); // below a VMA: stack growth or SIGSEGV
    }
    Access access = switch (rnd.nextInt(4)) {
      case 0 -> Access.READ;
      case 1 -> Access.EXEC;
      default -> Access.WRITE;
    };
    long len = PAGE * (1 + rnd.nextInt(8));
    op = "touch(0x" + Long.toHexString(addr) + ", " + len + ", " + access + ")";
    p.sys.touch(p.task, addr, len, access, rnd.nextInt(256), PAGE);
  }

  // --- arguments ---------------------------------------------------------------------------

  /** A page-aligned address in the window (sometimes unaligned). */
  private long windowAddress() {
    long a = window + rnd.nextLong(windowPages) * PAGE;
    return rnd.nextInt(40) == 0 ? a + 0x800 : a;
  }

  /** The window, or inside or around an existing VMA. */
  private long someAddress() {
    if (rnd.nextBoolean()) {
      return windowAddress();
    }
    List<Vma> vmas = p.vmas();
    Vma v = vmas.get(rnd.nextInt(vmas.size()));
    long span = (v.end() - v.start()) / PAGE;
    return v.start() + (rnd.nextLong(span + 2) - 1) * PAGE;
  }

  /** A length: mostly a few pages, sometimes unaligned, large, PMD sized or absurd. */
  private long length() {
    return switch (rnd.nextInt(20)) {
      case 0 -> 1 + rnd.nextInt(3 * 4096);
      case 1 -> (2L << 20) * (1 + rnd.nextInt(2));
      case 2 -> PAGE * (64 + rnd.nextInt(512));
      case 3 -> rnd.nextInt(10) == 0 ? -PAGE : 0;
      default -> PAGE * (1 + rnd.nextInt(16));
    };
  }

  // --- checks ------------------------------------------------------------------------------

  private void expectErrno(long r, Set<Errno> allowed) {
    Errno e = Errno.of(r);
    if (!allowed.contains(e)) {
      fail(op + " failed with " + e + ", which its man page does not list");
    }
  }

  private void expectZero(long r, Set<Errno> allowed) {
    if (Errno.isError(r)) {
      expectErrno(r, allowed);
    } else if (r != 0) {
      fail(op + " returned " + r);
    }
  }

  private void expectAddress(long r, long len) {
    if ((r & 0xfff) != 0 || Long.compareUnsigned(r, p.kernel.mmapMinAddr()) < 0
        || Long.compareUnsigned(r + len, mm.taskSize()) > 0) {
      fail(op + " returned 0x" + Long.toHexString(r) + " for " + len + " bytes");
    }
  }

  /** The maps after the call (and before it with -Dvmlab.trace=true), for failure messages. */
  private String context() {
    return (TRACE ? "before:\n" + before + "after:\n" : "(-Dvmlab.trace=true shows the maps before the call)\n")
        + p.maps();
  }

  private void check(Profile profile, long seed, int call) {
    String where = profile + " seed=" + seed + " call " + call + ": " + op;
    try {
      mm.vmas().verify();
    } catch (IllegalStateException e) {
      fail(where + ": tree: " + e.getMessage() + "\n" + context());
    }
    long min = p.kernel.mmapMinAddr();
    long prevEnd = 0;
    int n = 0;
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      n++;
      if (((v.start() | v.end()) & 0xfff) != 0 || v.start() >= v.end() || v.start() < prevEnd
          || v.start() < min || Long.compareUnsigned(v.end(), mm.taskSize()) > 0) {
        fail(where + ": bad VMA " + v + " (previous end 0x" + Long.toHexString(prevEnd) + ")\n" + context());
      }
      prevEnd = v.end();
    }
    assertEquals(n, mm.mapCount(), where);
    long[] r = mm.recountVm();
    long[] have = {mm.totalVm(), mm.execVm(), mm.stackVm(), mm.dataVm(), mm.lockedVm()};
    String[] names = {"total_vm", "exec_vm", "stack_vm", "data_vm", "locked_vm"};
    if (lockedDriftMayChange) {
      lockedDrift = have[4] - r[4];
      lockedDriftMayChange = false;
    }
    r[4] += lockedDrift;
    for (int i = 0; i < r.length; i++) {
      if (r[i] != have[i]) {
        fail(where + ": " + names[i] + " is " + have[i] + ", recount " + r[i] + (i == 4 ? " (with the MREMAP_DONTUNMAP drift " + lockedDrift + ")" : "") + "\n" + context());
      }
    }
    PageTable pt = mm.pageTable();
    long bytes = pt.tableBytes();
    long recount = pt.recountTableBytes();
    if (bytes != recount) {
      fail(where + ": VmPTE " + bytes + ", recount " + recount + "\n" + context());
    }
  }
}
