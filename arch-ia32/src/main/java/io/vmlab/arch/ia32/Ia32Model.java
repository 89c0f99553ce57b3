package io.vmlab.arch.ia32;

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
import java.util.List;
import java.util.Optional;

/** IA-32 configured for one machine: a paging mode, a split and a memory size. */
final class Ia32Model implements ArchModel {
  /** Top of the fixmap (__FIXADDR_TOP). */
  static final long FIXADDR_TOP = 0xfffff000L;
  /**
   * Start of the fixmap, cpu entry area, LDT and pkmap block. Linux computes it at boot from the
   * CPU count; this is the usual value on a small machine.
   */
  static final long HIGH_AREAS_START = 0xff800000L;
  /** VMALLOC_OFFSET: the hole between lowmem and vmalloc. */
  static final long VMALLOC_OFFSET = 8L << 20;
  /** __VMALLOC_RESERVE default. */
  static final long VMALLOC_RESERVE = 128L << 20;

  private final String mode;
  private final Ia32Split split;
  private final boolean pae;
  private final boolean pti;
  private final PagingGeometry geometry;
  private final EntryFormat format;
  private final List<ProcessAbi> abis;
  private final List<KernelArea> areas;
  private final ArchFaultHandler faults;

  Ia32Model(String mode, Ia32Split split, boolean pti, long memoryBytes) {
    this.mode = mode;
    this.split = split;
    this.pae = mode.equals("pae");
    this.pti = pti;
    this.geometry = pae ? paeGeometry() : twoLevelGeometry();
    this.format = pae ? X86EntryFormat.wide64() : X86EntryFormat.legacy32();
    this.abis = List.of(new Ia32ProcessAbi(split.pageOffset));
    long vmallocEnd = HIGH_AREAS_START - 2 * 4096;
    long maxMem = vmallocEnd - split.pageOffset - VMALLOC_RESERVE;
    long highMemory = split.pageOffset + Math.min(memoryBytes, maxMem);
    long vmallocStart = highMemory + VMALLOC_OFFSET;
    this.areas = List.of(
        new KernelArea("direct map (lowmem)", split.pageOffset, highMemory, KernelArea.Kind.DIRECT_MAP),
        new KernelArea("vmalloc", vmallocStart, vmallocEnd, KernelArea.Kind.VMALLOC),
        new KernelArea("pkmap, LDT, cpu entry area, fixmap", HIGH_AREAS_START, FIXADDR_TOP, KernelArea.Kind.KERNEL));
    this.faults = new Ia32FaultHandler(split.pageOffset, format, vmallocStart, vmallocEnd);
  }

  /** pgtable-2level_types.h: PGDIR_SHIFT 22, 1024 entries per table; pmd, pud, p4d folded. */
  static PagingGeometry twoLevelGeometry() {
    return new PagingGeometry("2level", List.of(
        LevelGeometry.table(PageLevel.PGD, 22, 10, 4L << 20),
        LevelGeometry.folded(PageLevel.P4D, 22),
        LevelGeometry.folded(PageLevel.PUD, 22),
        LevelGeometry.folded(PageLevel.PMD, 22),
        LevelGeometry.table(PageLevel.PTE, 12, 10, 0)), 12, 4, 32, false);
  }

  /** pgtable-3level_types.h: a 4-entry PGD (PDPT), 512-entry PMD and PTE; pud, p4d folded. */
  static PagingGeometry paeGeometry() {
    return new PagingGeometry("pae", List.of(
        LevelGeometry.table(PageLevel.PGD, 30, 2, 0),
        LevelGeometry.folded(PageLevel.P4D, 30),
        LevelGeometry.folded(PageLevel.PUD, 30),
        LevelGeometry.table(PageLevel.PMD, 21, 9, 2L << 20),
        LevelGeometry.table(PageLevel.PTE, 12, 9, 0)), 12, 8, 32, false);
  }

  @Override
  public String archId() {
    return Ia32Architecture.ID;
  }

  @Override
  public String pagingMode() {
    return mode;
  }

  @Override
  public String split() {
    return split.label;
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
    return 4;
  }

  @Override
  public long pageOffset() {
    return split.pageOffset;
  }

  @Override
  public long taskSizeMax() {
    return split.pageOffset;
  }

  @Override
  public List<ProcessAbi> abis() {
    return abis;
  }

  @Override
  public AddressClass classify(long va) {
    return Long.compareUnsigned(va, split.pageOffset) < 0 ? AddressClass.USER : AddressClass.KERNEL;
  }

  @Override
  public List<KernelArea> kernelAreas() {
    return areas;
  }

  @Override
  public Optional<KernelArea> gateArea() {
    return Optional.empty();
  }

  /**
   * PAE's pgd_alloc() preallocates the PMDs (arch/x86/mm/pgtable.c): one per user PGD entry, all
   * four when the kernel PMD is not shared (PTI), plus the user copies of the kernel PMDs under PTI.
   */
  @Override
  public int preallocatedTables() {
    if (!pae) {
      return 0;
    }
    int user = preallocatedUserEntries();
    return pti ? 4 + (4 - user) : user;
  }

  @Override
  public int preallocatedUserEntries() {
    return pae ? (int) (split.pageOffset >>> 30) : 0;
  }

  @Override
  public MmapSearch mmapSearch() {
    return MmapSearch.GENERIC;
  }

  @Override
  public ArchFaultHandler faults() {
    return faults;
  }
}
