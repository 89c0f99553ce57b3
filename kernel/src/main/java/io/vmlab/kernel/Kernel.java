package io.vmlab.kernel;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.fs.FileTable;
import io.vmlab.kernel.memory.MemoryManager;
import io.vmlab.kernel.mm.Mappings;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Overcommit;
import io.vmlab.kernel.mm.PageOps;
import io.vmlab.kernel.mm.VmaOps;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.pgtable.PageTableStore;
import io.vmlab.kernel.phys.PhysicalMemory;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * One simulated machine's kernel: its architecture, physical memory, page-table pages, files and
 * processes. Built by Guice from a {@link MachineSpec} and the plugins ({@link KernelModule}).
 */
public final class Kernel {
  private final MachineSpec spec;
  private final ArchModel arch;
  private final PolicySet policies;
  private final KernelVersion version;
  private final PhysicalMemory memory;
  private final PageTableStore tables;
  private final PageTable reference;
  private final FileTable files = new FileTable();
  private final Mappings mappings = new Mappings();
  private final TreeMap<Integer, Task> tasks = new TreeMap<>();
  private Task current;
  private final VmEvents vmEvents = new VmEvents();
  private final VmaOps vmaOps;
  private final Overcommit overcommit = new Overcommit();
  private final MemoryManager memoryManager;
  private int nextPid = 1;

  @Inject
  public Kernel(MachineSpec spec, ArchModel arch, PolicySet policies) {
    this.spec = spec;
    this.arch = arch;
    this.policies = policies;
    this.version = spec.kernel().version();
    this.memory = new PhysicalMemory(spec.memoryBytes());
    this.vmaOps = new VmaOps(mappings, version.atLeast(6, 12));
    this.tables = new PageTableStore(memory, arch.geometry(), arch.entryFormat());
    // init_mm's page directory: the reference for the kernel half of every process's table.
    this.reference = new PageTable(tables, arch.geometry(), arch.taskSizeMax(), 0, 0);
    this.memoryManager = new MemoryManager(this, arch.entryFormat().hasNx() && spec.kernel().nx());
    memoryManager.kernelMappings();
    vmaOps.onLastUnmapOfDeleted(memoryManager::truncate);
    vmaOps.onBoundary(memoryManager::splitHugePmdAt);
  }

  /** VMA bookkeeping (merge, split, rmap links). */
  public VmaOps vmaOps() {
    return vmaOps;
  }

  /** The page layer as the VMA layer sees it. */
  public PageOps pageOps() {
    return memoryManager;
  }

  /** The page layer: MMU, TLB and page operations. */
  public MemoryManager memoryManager() {
    return memoryManager;
  }

  /** Swap slot reference counts, or null if the machine has no swap. */
  public io.vmlab.kernel.swap.SwapCounts swapCounts() {
    return memoryManager.swapSpace();
  }

  /** swap_duplicate(): one more PTE refers to a swap slot (fork). */
  public void swapDup(long entry) {
    memoryManager.swapSpace().dup(entry);
  }

  /** Commit accounting. */
  public Overcommit overcommit() {
    return overcommit;
  }

  /** The machine description. */
  public MachineSpec spec() {
    return spec;
  }

  /** The configured architecture. */
  public ArchModel arch() {
    return arch;
  }

  /** The policies by name. */
  public PolicySet policies() {
    return policies;
  }

  /** The kernel version modelled. */
  public KernelVersion version() {
    return version;
  }

  /** Physical memory. */
  public PhysicalMemory memory() {
    return memory;
  }

  /** Page-table pages. */
  public PageTableStore tables() {
    return tables;
  }

  /** init_mm's page table: the kernel's reference mappings (vmalloc). */
  public PageTable referenceTable() {
    return reference;
  }

  /**
   * An unsigned long of this kernel: a 32-bit kernel computes syscall sums such as start + len
   * modulo 2^32 (so they wrap), a 64-bit kernel in 64 bits (compat tasks' arguments are
   * zero-extended and do not).
   */
  public long ulong(long v) {
    return arch.kernelPointerBytes() == 4 ? v & 0xffffffffL : v;
  }

  /**
   * Declares a file whose contents are all in the page cache, as after write() and fsync()
   * (the conformance recorder's data files).
   *
   * @param shmem whether it lives on a device-less filesystem (tmpfs): its pages count as shmem
   */
  public io.vmlab.kernel.fs.Inode createCachedFile(String path, int major, int minor, long ino, long size, int fill, boolean shmem) {
    io.vmlab.kernel.fs.Inode inode = files.create(path, major, minor, ino, size, fill, shmem);
    mappings.register(inode.mapping());
    memoryManager.cacheFile(inode);
    return inode;
  }

  /**
   * Declares a file on a disk with none of its pages cached yet: the first access to each page
   * reads it from storage (a major fault with read-around), as after a fresh boot.
   */
  public io.vmlab.kernel.fs.Inode createFile(String path, int major, int minor, long ino, long size, int fill) {
    io.vmlab.kernel.fs.Inode inode = files.create(path, major, minor, ino, size, fill, false);
    mappings.register(inode.mapping());
    return inode;
  }

  /** The files. */
  public FileTable files() {
    return files;
  }

  /** The anon_vma and address_space registry. */
  public Mappings mappings() {
    return mappings;
  }

  /** stack_guard_gap in bytes. */
  public long stackGuardGap() {
    return spec.kernel().stackGuardGapPages() << 12;
  }

  /** vm.mmap_min_addr. */
  public long mmapMinAddr() {
    return spec.kernel().mmapMinAddr();
  }

  /** vm.max_map_count. */
  public int maxMapCount() {
    return spec.kernel().maxMapCount();
  }

  /** Whether RSS counters are batched per task (SPLIT_RSS_COUNTING, up to 6.1). */
  public boolean splitRss() {
    return !version.atLeast(6, 2);
  }

  /**
   * A new task with an empty address space (mm_alloc + pgd_alloc): no VMAs yet.
   *
   * @param abi the process ABI (native, or compat on x86-64)
   */
  public Task newTask(String comm, ProcessAbi abi) {
    Task t = new Task(this, nextPid++, comm, abi, spec.limits());
    t.setMm(newMm(abi));
    tasks.put(t.pid(), t);
    return t;
  }

  /** mm_alloc(): an mm with a fresh page directory whose kernel half is init_mm's. */
  public MmStruct newMm(ProcessAbi abi) {
    PageTable pt = new PageTable(tables, arch.geometry(), arch.taskSizeMax(),
        arch.preallocatedUserEntries(), arch.preallocatedTables());
    int user = pt.userRootEntries();
    int all = (int) (arch.geometry().level(io.vmlab.api.arch.PageLevel.PGD).entries());
    pt.copyRootEntries(reference, user, all);
    return new MmStruct(abi, pt, splitRss());
  }

  /** copy_process() for fork: a new task with an empty mm of the same ABI, limits and personality. */
  public Task forkTask(Task parent) {
    Task child = new Task(this, nextPid++, parent.comm(), parent.abi(), spec.limits());
    child.setLimits(parent.rlimitStack(), parent.rlimitData(), parent.rlimitAs(), parent.rlimitMemlock());
    child.setPersonality(parent.personality());
    child.setPrivileged(parent.privileged());
    child.setMm(newMm(parent.abi()));
    tasks.put(child.pid(), child);
    return child;
  }

  /** SIGKILL from the OOM killer: the task's memory is freed at once (oom_reaper) and it is reaped. */
  public void kill(Task t) {
    t.markKilled();
    t.mm().rss().sync();
    memoryManager.drainLru();
    memoryManager.exitMmap(t.mm());
    memoryManager.releasePins(t);
    reap(t);
  }

  /** Machine-wide event counters (/proc/vmstat): they outlive the tasks that caused them. */
  public VmEvents vmEvents() {
    return vmEvents;
  }

  /** The task whose fault or syscall is in flight (Linux's {@code current}); may be null. */
  public Task current() {
    return current;
  }

  /** Marks the task whose work is in flight. */
  public void setCurrent(Task t) {
    current = t;
  }

  /**
   * The OOM killer chose the task in flight: it is marked now (its allocation fails) and torn
   * down by {@link #reapIfKilled} once its fault or syscall has unwound, as a SIGKILL is taken
   * on the way back to user mode.
   */
  public void markOomVictim(Task t) {
    t.markKilled();
  }

  /** Finishes an OOM kill that had to wait for the task's fault or syscall to unwind. */
  public void reapIfKilled(Task t) {
    if (t.killed() && !t.exited()) {
      kill(t);
    }
  }

  /** The task is gone (after exit_mmap). */
  public void exitTask(Task t) {
    reap(t);
  }

  /** Replaces a task's mm (exec_mmap); the task takes the mm's process ABI. */
  public void installMm(Task task, MmStruct mm) {
    task.setMm(mm);
    task.setAbi(mm.abi());
  }

  /** The live tasks by pid. */
  public Collection<Task> tasks() {
    return Collections.unmodifiableCollection(tasks.values());
  }

  /** The task with this pid, or null. */
  public Task task(int pid) {
    return tasks.get(pid);
  }

  /** Forgets an exited task. */
  void reap(Task t) {
    if (current == t) {
      current = null;
    }
    t.markExited();
    tasks.remove(t.pid());
  }
}
