package io.vmlab.kernel.memory;

import io.vmlab.kernel.phys.PhysicalMemory;

/** No reclaim: user pages come straight from the buddy allocator until it runs dry. */
final class BuddyLru implements Lru {
  private final PhysicalMemory mem;

  BuddyLru(PhysicalMemory mem) {
    this.mem = mem;
  }

  @Override
  public int allocate() {
    return mem.allocPage(0);
  }

  @Override
  public void add(int pfn) {}

  @Override
  public void remove(int pfn) {}
}
