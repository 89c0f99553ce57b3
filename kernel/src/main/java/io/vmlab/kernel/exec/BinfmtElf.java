package io.vmlab.kernel.exec;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.policy.MmLayout;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.exec.elf.ProgramHeader;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.mm.VmMmap;

/**
 * The mapping half of fs/binfmt_elf.c as Linux 6.1.158 has it: load_elf_binary()'s PT_LOAD loop
 * (ET_EXEC at p_vaddr with MAP_FIXED_NOREPLACE; a PIE at ELF_ET_DYN_BASE plus arch_mmap_rnd()
 * aligned to its largest p_align; a static PIE top-down in the mmap area, re-placed if it asks
 * for more than page alignment), load_elf_interp(), elf_load() with its bss, elf_map() and
 * padzero().
 */
final class BinfmtElf {
  private static final long PAGE = 4096;

  /** What the program's PT_LOAD loop leaves behind. */
  record Loaded(long loadBias, long entry, long phdrAddr, long startCode, long endCode, long startData,
      long endData, long elfBrk) {}

  private BinfmtElf() {}

  /** The PT_LOAD loop of load_elf_binary(). */
  static Loaded loadBinary(Task t, ElfFile elf, OpenFile file, boolean hasInterp, MmLayout layout) {
    ProcessAbi abi = t.abi();
    long taskSize = abi.taskSize();
    long loadBias = 0;
    boolean first = true;
    long startCode = -1;
    long endCode = 0;
    long startData = 0;
    long endData = 0;
    long elfBrk = 0;
    long phdrAddr = 0;
    for (ProgramHeader ph : elf.loads()) {
      int prot = makeProt(ph.flags());
      int flags = Mman.MAP_PRIVATE;
      long vaddr = ph.vaddr();
      long totalSize = 0;
      if (!first) {
        flags |= Mman.MAP_FIXED;
      } else if (elf.type() == ElfFile.ET_EXEC) {
        flags |= Mman.MAP_FIXED_NOREPLACE;
      } else {
        totalSize = totalMappingSize(elf);
        long alignment = maximumAlignment(elf);
        if (hasInterp) {
          loadBias = abi.elfEtDynBase();
          if (layout.randomize()) {
            loadBias += layout.pieOffset();
          }
          if (alignment != 0) {
            loadBias &= ~(alignment - 1);
          }
          flags |= Mman.MAP_FIXED_NOREPLACE;
        } else if (alignment > PAGE) {
          // A static PIE that wants more than page alignment: map once to learn where, then re-place.
          loadBias = elfLoad(t, file, 0, ph, prot, flags, totalSize);
          if (bad(loadBias, taskSize)) {
            throw failure(elf, ph, loadBias);
          }
          VmMmap.vmMunmap(t, loadBias, totalSize);
          loadBias &= ~(alignment - 1);
          flags |= Mman.MAP_FIXED_NOREPLACE;
        } else {
          loadBias = 0;
        }
        loadBias = pageStart(loadBias - vaddr);
      }
      long error = elfLoad(t, file, loadBias + vaddr, ph, prot, flags, totalSize);
      if (bad(error, taskSize)) {
        throw failure(elf, ph, error);
      }
      if (first) {
        first = false;
        if (elf.type() == ElfFile.ET_DYN) {
          loadBias += error - pageStart(loadBias + vaddr);
        }
      }
      if (Long.compareUnsigned(ph.offset(), elf.phoff()) <= 0
          && Long.compareUnsigned(elf.phoff(), ph.offset() + ph.filesz()) < 0) {
        phdrAddr = elf.phoff() - ph.offset() + ph.vaddr();
      }
      long k = vaddr;
      if ((ph.flags() & ProgramHeader.PF_X) != 0 && Long.compareUnsigned(k, startCode) < 0) {
        startCode = k;
      }
      if (Long.compareUnsigned(startData, k) < 0) {
        startData = k;
      }
      if (Long.compareUnsigned(k, taskSize) > 0 || Long.compareUnsigned(ph.memsz(), taskSize) > 0
          || Long.compareUnsigned(taskSize - ph.memsz(), k) < 0) {
        throw new ExecException(Errno.EINVAL, elf.name() + ": PT_LOAD #" + ph.index() + " ends beyond TASK_SIZE 0x"
            + Long.toHexString(taskSize));
      }
      k = vaddr + ph.filesz();
      if ((ph.flags() & ProgramHeader.PF_X) != 0 && Long.compareUnsigned(endCode, k) < 0) {
        endCode = k;
      }
      if (Long.compareUnsigned(endData, k) < 0) {
        endData = k;
      }
      k = vaddr + ph.memsz();
      if (Long.compareUnsigned(k, elfBrk) > 0) {
        elfBrk = k;
      }
    }
    return new Loaded(loadBias, elf.entry() + loadBias, phdrAddr + loadBias, startCode + loadBias,
        endCode + loadBias, startData + loadBias, endData + loadBias, elfBrk + loadBias);
  }

  /**
   * load_elf_interp(): an ET_DYN interpreter goes where get_unmapped_area() puts its whole span
   * (top-down: right below mmap_base in a fresh process). Returns the load address (AT_BASE).
   *
   * @param noBase the program's load bias (load_elf_interp's no_base)
   */
  static long loadInterp(Task t, ElfFile interp, OpenFile file, long noBase) {
    long taskSize = t.abi().taskSize();
    long totalSize = totalMappingSize(interp);
    long loadAddr = 0;
    boolean loadAddrSet = false;
    for (ProgramHeader ph : interp.loads()) {
      int type = Mman.MAP_PRIVATE;
      int prot = makeProt(ph.flags());
      long vaddr = ph.vaddr();
      if (interp.type() == ElfFile.ET_EXEC || loadAddrSet) {
        type |= Mman.MAP_FIXED;
      } else if (noBase != 0 && interp.type() == ElfFile.ET_DYN) {
        loadAddr = -vaddr;
      }
      long mapAddr = elfLoad(t, file, loadAddr + vaddr, ph, prot, type, totalSize);
      totalSize = 0;
      if (bad(mapAddr, taskSize)) {
        throw failure(interp, ph, mapAddr);
      }
      if (!loadAddrSet && interp.type() == ElfFile.ET_DYN) {
        loadAddr = mapAddr - pageStart(vaddr);
        loadAddrSet = true;
      }
      long k = loadAddr + ph.vaddr();
      if (bad(k, taskSize) || Long.compareUnsigned(ph.memsz(), taskSize) > 0
          || Long.compareUnsigned(taskSize - ph.memsz(), k) < 0) {
        throw new ExecException(Errno.ENOMEM, interp.name() + ": PT_LOAD #" + ph.index() + " ends beyond TASK_SIZE");
      }
    }
    return loadAddr;
  }

  /**
   * elf_load(): maps the file part of a segment, zeroes the rest of its last page (padzero) and
   * maps the remaining bss pages with vm_brk_flags(). Returns the mapping's address or an error.
   */
  static long elfLoad(Task t, OpenFile file, long addr, ProgramHeader ph, int prot, int type, long totalSize) {
    long mapAddr;
    long zeroStart;
    long zeroEnd;
    if (ph.filesz() != 0) {
      mapAddr = elfMap(t, file, addr, ph, prot, type, totalSize);
      if (bad(mapAddr, t.abi().taskSize())) {
        return mapAddr;
      }
      zeroStart = mapAddr + pageOffset(ph.vaddr()) + ph.filesz();
      zeroEnd = mapAddr + pageOffset(ph.vaddr()) + ph.memsz();
      if (Long.compareUnsigned(ph.memsz(), ph.filesz()) > 0) {
        // Zero the end of the last mapped page; a fault only matters if the segment is writable.
        if (!padzero(t, zeroStart) && (prot & Mman.PROT_WRITE) != 0) {
          return Errno.EFAULT.neg();
        }
      }
    } else {
      mapAddr = pageStart(addr);
      zeroStart = mapAddr;
      zeroEnd = zeroStart + pageOffset(ph.vaddr()) + ph.memsz();
    }
    if (Long.compareUnsigned(ph.memsz(), ph.filesz()) > 0) {
      zeroStart = pageAlign(zeroStart);
      zeroEnd = pageAlign(zeroEnd);
      long error = VmMmap.vmBrkFlags(t, zeroStart, zeroEnd - zeroStart, (prot & Mman.PROT_EXEC) != 0 ? VmFlags.EXEC : 0);
      if (error != 0) {
        mapAddr = error;
      }
    }
    return mapAddr;
  }

  /**
   * elf_map(): a private file mapping of the segment's file bytes. The first mapping of an
   * ET_DYN image takes the image's whole span (so the search finds room for all of it), then
   * gives back what lies past the segment.
   */
  private static long elfMap(Task t, OpenFile file, long addr, ProgramHeader ph, int prot, int type, long totalSize) {
    long size = ph.filesz() + pageOffset(ph.vaddr());
    long off = ph.offset() - pageOffset(ph.vaddr());
    addr = pageStart(addr);
    size = pageAlign(size);
    if (size == 0) {
      return addr;
    }
    long mapAddr;
    if (totalSize != 0) {
      totalSize = pageAlign(totalSize);
      mapAddr = VmMmap.vmMmap(t, file, addr, totalSize, prot, type, off);
      if (!bad(mapAddr, t.abi().taskSize())) {
        VmMmap.vmMunmap(t, mapAddr + size, totalSize - size);
      }
    } else {
      mapAddr = VmMmap.vmMmap(t, file, addr, size, prot, type, off);
    }
    return mapAddr;
  }

  /** padzero(): clear_user() from {@code address} to the end of its page; false on a fault. */
  private static boolean padzero(Task t, long address) {
    long nbyte = pageOffset(address);
    if (nbyte != 0) {
      nbyte = PAGE - nbyte;
      return new UserAccess(t).clearUser(address, nbyte) == 0;
    }
    return true;
  }

  /** total_mapping_size(): from the lowest PT_LOAD page to the highest p_vaddr + p_memsz. */
  static long totalMappingSize(ElfFile elf) {
    long min = -1;
    long max = 0;
    for (ProgramHeader p : elf.loads()) {
      min = Long.compareUnsigned(pageStart(p.vaddr()), min) < 0 ? pageStart(p.vaddr()) : min;
      long end = p.vaddr() + p.memsz();
      max = Long.compareUnsigned(end, max) > 0 ? end : max;
    }
    return max - min;
  }

  /** maximum_alignment(): the largest power-of-two p_align of the PT_LOADs, at least a page. */
  static long maximumAlignment(ElfFile elf) {
    long alignment = 0;
    for (ProgramHeader p : elf.loads()) {
      long a = p.align();
      if (a != 0 && (a & (a - 1)) == 0 && Long.compareUnsigned(a, alignment) > 0) {
        alignment = a;
      }
    }
    return pageAlign(alignment);
  }

  /** make_prot(): PF_R/W/X to PROT_READ/WRITE/EXEC. */
  static int makeProt(int pflags) {
    int prot = 0;
    if ((pflags & ProgramHeader.PF_R) != 0) {
      prot |= Mman.PROT_READ;
    }
    if ((pflags & ProgramHeader.PF_W) != 0) {
      prot |= Mman.PROT_WRITE;
    }
    if ((pflags & ProgramHeader.PF_X) != 0) {
      prot |= Mman.PROT_EXEC;
    }
    return prot;
  }

  /** BAD_ADDR(): a result at or above TASK_SIZE (every negated errno is). */
  private static boolean bad(long addr, long taskSize) {
    return Long.compareUnsigned(addr, taskSize) >= 0;
  }

  private static ExecException failure(ElfFile elf, ProgramHeader ph, long result) {
    Errno e = Errno.isError(result) ? Errno.of(result) : Errno.EINVAL;
    String why = e == Errno.EEXIST ? "its address range is already mapped (MAP_FIXED_NOREPLACE)" : "the mapping failed";
    return new ExecException(e, elf.name() + ": PT_LOAD #" + ph.index() + " at 0x" + Long.toHexString(ph.vaddr())
        + ": " + why + " (" + e + ")");
  }

  static long pageStart(long v) {
    return v & ~(PAGE - 1);
  }

  static long pageOffset(long v) {
    return v & (PAGE - 1);
  }

  static long pageAlign(long v) {
    return (v + PAGE - 1) & ~(PAGE - 1);
  }
}
