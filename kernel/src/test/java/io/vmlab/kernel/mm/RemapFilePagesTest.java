package io.vmlab.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.sys.Syscalls;
import io.vmlab.policy.linux.LinuxFaultAround;
import io.vmlab.policy.linux.LinuxLayoutPolicy;
import io.vmlab.policy.linux.LinuxOomPolicy;
import io.vmlab.policy.linux.Lru2qPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * remap_file_pages() as Linux 4.0+ emulates it: the remapped range becomes a VMA of its own with
 * the requested file offset (visible in maps and in the file's i_mmap), populated at once; a
 * remap back to the linear offsets merges the pieces again; the refusals are EINVAL.
 */
class RemapFilePagesTest {
  private Kernel kernel;
  private Syscalls sys;
  private Task task;
  private Inode file;
  private OpenFile open;

  private void boot(String arch, String paging) {
    MachineSpec d = MachineSpec.defaults(arch, paging);
    MachineSpec spec = new MachineSpec(d.name(), arch, paging, null, 64L << 20, 0, d.kernel(), d.tlb(), d.policies(),
        d.limits(), false, 1);
    kernel = new Kernel(spec, KernelModule.configureArch(spec,
        Map.of("ia32", new Ia32Architecture(), "x86_64", new X8664Architecture())),
        new PolicySet(new Lru2qPolicy(), new LinuxLayoutPolicy(), new LinuxFaultAround(), new LinuxOomPolicy()));
    sys = new Syscalls(kernel);
    task = ProcessFactory.minimal(kernel, null, "remap", 1);
    file = kernel.createCachedFile("/data/f", 0, 0x20, 100, 0x10000, 0x61, true);
    open = new OpenFile(file, true, true);
  }

  private long map(int pages, int flags) {
    long a = sys.mmap(task, 0, (long) pages << 12, Mman.PROT_READ | Mman.PROT_WRITE, flags, open, 0);
    assertTrue(!Errno.isError(a), "mmap: " + a);
    return a;
  }

  /** [start, end, pgoff] of the file's VMAs, as i_mmap lists them, in address order. */
  private List<String> iMmap() {
    List<String> out = new ArrayList<>();
    file.mapping().vmas().stream().sorted((x, y) -> Long.compareUnsigned(x.start(), y.start()))
        .forEach(v -> out.add(Long.toHexString(v.start()) + "-" + Long.toHexString(v.end()) + "@" + v.pgoff()));
    return out;
  }

  private List<String> fileLines() {
    return new ProcFs(kernel).maps(task).stream().filter(l -> l.endsWith("/data/f")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x86_64/4level", "ia32/2level"})
  void a_remap_splits_the_vma_and_i_mmap_lists_each_piece(String machine) {
    String[] m = machine.split("/");
    boot(m[0], m[1]);
    long a = map(8, Mman.MAP_SHARED);
    assertEquals(0, sys.remapFilePages(task, a + 0x2000, 0x2000, 0, 6, 0));
    String s = Long.toHexString(a);
    List<String> lines = fileLines();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches(hex(a) + "-" + hex(a + 0x2000) + " rw-s 00000000 00:20 100 .*"), lines.get(0));
    assertTrue(lines.get(1).matches(hex(a + 0x2000) + "-" + hex(a + 0x4000) + " rw-s 00006000 00:20 100 .*"), lines.get(1));
    assertTrue(lines.get(2).matches(hex(a + 0x4000) + "-" + hex(a + 0x8000) + " rw-s 00004000 00:20 100 .*"), lines.get(2));
    assertEquals(List.of(s + "-" + Long.toHexString(a + 0x2000) + "@0", Long.toHexString(a + 0x2000) + "-"
        + Long.toHexString(a + 0x4000) + "@6", Long.toHexString(a + 0x4000) + "-" + Long.toHexString(a + 0x8000) + "@4"),
        iMmap());
    Vma mid = task.mm().vmas().lookup(a + 0x2000);
    assertEquals(2, residentPages(mid), "MAP_POPULATE faulted the remapped pages in");
    assertTrue(new Invariants(kernel).check().isEmpty());

    // Back to the linear offsets: the three pieces merge into one VMA again.
    assertEquals(0, sys.remapFilePages(task, a + 0x2000, 0x2000, 0, 2, 0));
    assertEquals(List.of(s + "-" + Long.toHexString(a + 0x8000) + "@0"), iMmap());
    assertEquals(1, fileLines().size());
    assertTrue(new Invariants(kernel).check().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x86_64/4level"})
  void a_range_may_span_adjacent_pieces_of_the_same_file(String machine) {
    String[] m = machine.split("/");
    boot(m[0], m[1]);
    long a = map(8, Mman.MAP_SHARED);
    assertEquals(0, sys.remapFilePages(task, a + 0x2000, 0x2000, 0, 6, 0));
    assertEquals(0, sys.remapFilePages(task, a + 0x1000, 0x5000, 0, 10, 0));
    String s = Long.toHexString(a);
    assertEquals(List.of(s + "-" + Long.toHexString(a + 0x1000) + "@0",
        Long.toHexString(a + 0x1000) + "-" + Long.toHexString(a + 0x6000) + "@10",
        Long.toHexString(a + 0x6000) + "-" + Long.toHexString(a + 0x8000) + "@6"), iMmap());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x86_64/4level"})
  void refusals_are_einval(String machine) {
    String[] m = machine.split("/");
    boot(m[0], m[1]);
    long shared = map(8, Mman.MAP_SHARED);
    long priv = map(4, Mman.MAP_PRIVATE);
    long einval = Errno.EINVAL.neg();
    assertEquals(einval, sys.remapFilePages(task, shared, 0x1000, Mman.PROT_READ, 1, 0), "prot must be 0");
    assertEquals(einval, sys.remapFilePages(task, priv, 0x1000, 0, 1, 0), "not a shared mapping");
    assertEquals(einval, sys.remapFilePages(task, shared, 0, 0, 1, 0), "empty range");
    assertEquals(einval, sys.remapFilePages(task, 0x10000, 0x1000, 0, 1, 0), "nothing mapped there");
    assertEquals(einval, sys.remapFilePages(task, shared + 0x7000, 0x3000, 0, 1, 0), "runs past the mapping");
    assertEquals(0, sys.mprotect(task, shared + 0x4000, 0x4000, Mman.PROT_READ));
    assertEquals(einval, sys.remapFilePages(task, shared + 0x3000, 0x2000, 0, 1, 0), "pieces with other flags");
    assertEquals(einval, sys.remapFilePages(task, shared, 0x1000, 0, -1L, 0), "pgoff wraps");
    assertEquals(List.of(Long.toHexString(priv) + "-" + Long.toHexString(priv + 0x4000) + "@0",
        Long.toHexString(shared) + "-" + Long.toHexString(shared + 0x4000) + "@0",
        Long.toHexString(shared + 0x4000) + "-" + Long.toHexString(shared + 0x8000) + "@4"), iMmap());
  }

  private static String hex(long v) {
    return String.format("%08x", v);
  }

  private long residentPages(Vma v) {
    long n = 0;
    for (long addr = v.start(); addr < v.end(); addr += 4096) {
      if (kernel.memoryManager().frameAt(task, addr) >= 0) {
        n++;
      }
    }
    return n;
  }
}
