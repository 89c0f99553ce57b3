package io.vmlab.kernel.proc;

/**
 * struct mem_size_stats of fs/proc/task_mmu.c: what smaps sums over a VMA's pages. Sizes are in
 * bytes; the Pss fields are in bytes shifted left by {@link #PSS_SHIFT}, as Linux keeps them.
 */
public final class MemStats {
  /** PSS_SHIFT: fixed-point fraction bits of the Pss sums. */
  public static final int PSS_SHIFT = 12;

  public long resident;
  public long pss;
  public long pssAnon;
  public long pssFile;
  public long pssShmem;
  public long pssDirty;
  public long pssLocked;
  public long sharedClean;
  public long sharedDirty;
  public long privateClean;
  public long privateDirty;
  public long referenced;
  public long anonymous;
  public long lazyfree;
  public long anonymousThp;
  public long shmemThp;
  public long fileThp;
  public long swap;
  public long swapPss;

  /** Adds another VMA's sums (smaps_rollup). */
  public void add(MemStats o) {
    resident += o.resident;
    pss += o.pss;
    pssAnon += o.pssAnon;
    pssFile += o.pssFile;
    pssShmem += o.pssShmem;
    pssDirty += o.pssDirty;
    pssLocked += o.pssLocked;
    sharedClean += o.sharedClean;
    sharedDirty += o.sharedDirty;
    privateClean += o.privateClean;
    privateDirty += o.privateDirty;
    referenced += o.referenced;
    anonymous += o.anonymous;
    lazyfree += o.lazyfree;
    anonymousThp += o.anonymousThp;
    shmemThp += o.shmemThp;
    fileThp += o.fileThp;
    swap += o.swap;
    swapPss += o.swapPss;
  }
}
