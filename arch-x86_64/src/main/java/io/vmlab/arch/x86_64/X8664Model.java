package io.vmlab.arch.x86_64;

import io.vmlab.api.arch.AddressClass;
import io.vmlab.api.arch.ArchFaultHandler;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.MmapSearch;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.x86.X86EntryFormat;
import io.vmlab.api.arch.x86.X86FaultHandler;
import java.util.List;
import java.util.Optional;

/**
 * x86-64 configured for one machine. Kernel areas are those of
 * Documentation/arch/x86/x86_64/mm.rst without KASLR.
 */
final class X8664Model implements ArchModel {
  /** VSYSCALL_ADDR: -10 MiB. */
  static final long VSYSCALL_ADDR = 0xffffffffff600000L;

  private final boolean la57;
  private final PagingGeometry geometry;
  private final EntryFormat format = X86EntryFormat.wide64();
  private final long taskSizeMax;
  private final List<ProcessAbi> abis;
  private final List<KernelArea> areas;
  private final Optional<KernelArea> gate;
  private final ArchFaultHandler faults;

  X8664Model(boolean la57, boolean vsyscall) {
    this.la57 = la57;
    this.geometry = la57 ? fiveLevel() : fourLevel();
    this.taskSizeMax = (1L << (la57 ? 56 : 47)) - 4096;
    this.abis = List.of(new NativeAbi(taskSizeMax), new CompatAbi());
    KernelArea vsys = new KernelArea("vsyscall", VSYSCALL_ADDR, VSYSCALL_ADDR + 4096, KernelArea.Kind.GATE);
    this.gate = vsyscall ? Optional.of(vsys) : Optional.empty();
    this.areas = la57
        ? List.of(
            new KernelArea("direct map", 0xff11000000000000L, 0xff91000000000000L, KernelArea.Kind.DIRECT_MAP),
            new KernelArea("vmalloc/ioremap", 0xffa0000000000000L, 0xffd2000000000000L, KernelArea.Kind.VMALLOC),
            new KernelArea("vmemmap", 0xffd4000000000000L, 0xffd6000000000000L, KernelArea.Kind.KERNEL),
            new KernelArea("kernel text", 0xffffffff80000000L, 0xffffffffa0000000L, KernelArea.Kind.KERNEL),
            new KernelArea("modules", 0xffffffffa0000000L, 0xffffffffff000000L, KernelArea.Kind.KERNEL),
            vsys)
        : List.of(
            new KernelArea("direct map", 0xffff888000000000L, 0xffffc88000000000L, KernelArea.Kind.DIRECT_MAP),
            new KernelArea("vmalloc/ioremap", 0xffffc90000000000L, 0xffffe90000000000L, KernelArea.Kind.VMALLOC),
            new KernelArea("vmemmap", 0xffffea0000000000L, 0xffffeb0000000000L, KernelArea.Kind.KERNEL),
            new KernelArea("kernel text", 0xffffffff80000000L, 0xffffffffa0000000L, KernelArea.Kind.KERNEL),
            new KernelArea("modules", 0xffffffffa0000000L, 0xffffffffff000000L, KernelArea.Kind.KERNEL),
            vsys);
    // fault_in_kernel_space() treats the vsyscall page as user space whether or not it is mapped.
    this.faults = new X86FaultHandler(taskSizeMax, format, VSYSCALL_ADDR, VSYSCALL_ADDR + 4096);
  }

  /** pgtable_64_types.h, 4-level: PGDIR_SHIFT 39; p4d folded (pgtable-nop4d). */
  static PagingGeometry fourLevel() {
    return new PagingGeometry("4level", List.of(
        LevelGeometry.table(PageLevel.PGD, 39, 9, 0),
        LevelGeometry.folded(PageLevel.P4D, 39),
        LevelGeometry.table(PageLevel.PUD, 30, 9, 1L << 30),
        LevelGeometry.table(PageLevel.PMD, 21, 9, 2L << 20),
        LevelGeometry.table(PageLevel.PTE, 12, 9, 0)), 12, 8, 48, true);
  }

  /** 5-level (LA57): PGDIR_SHIFT 48, P4D_SHIFT 39. */
  static PagingGeometry fiveLevel() {
    return new PagingGeometry("5level", List.of(
        LevelGeometry.table(PageLevel.PGD, 48, 9, 0),
        LevelGeometry.table(PageLevel.P4D, 39, 9, 0),
        LevelGeometry.table(PageLevel.PUD, 30, 9, 1L << 30),
        LevelGeometry.table(PageLevel.PMD, 21, 9, 2L << 20),
        LevelGeometry.table(PageLevel.PTE, 12, 9, 0)), 12, 8, 57, true);
  }

  @Override
  public String archId() {
    return X8664Architecture.ID;
  }

  @Override
  public String pagingMode() {
    return geometry.mode();
  }

  @Override
  public String split() {
    return "";
  }

  @Override
  public PagingGeometry geometry() {
    return geometry;
  }

  @Override
  public EntryFormat entryFormat() {
    return format;
  }

  @Override
  public int kernelPointerBytes() {
    return 8;
  }

  @Override
  public long pageOffset() {
    return la57 ? 0xff11000000000000L : 0xffff888000000000L;
  }

  @Override
  public long taskSizeMax() {
    return taskSizeMax;
  }

  @Override
  public List<ProcessAbi> abis() {
    return abis;
  }

  @Override
  public AddressClass classify(long va) {
    if (!geometry.isCanonical(va)) {
      return AddressClass.NON_CANONICAL;
    }
    return va < 0 ? AddressClass.KERNEL : AddressClass.USER;
  }

  @Override
  public List<KernelArea> kernelAreas() {
    return areas;
  }

  @Override
  public Optional<KernelArea> gateArea() {
    return gate;
  }

  @Override
  public int preallocatedTables() {
    return 0;
  }

  @Override
  public boolean vmallocTablesShared() {
    return true;
  }

  @Override
  public boolean softDirty() {
    return true;
  }

  @Override
  public MmapSearch mmapSearch() {
    return MmapSearch.X86_64;
  }

  @Override
  public ArchFaultHandler faults() {
    return faults;
  }
}
