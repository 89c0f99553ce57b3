package io.vmlab.kernel.mm;

import io.vmlab.kernel.fs.AddressSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects struct page's {@code mapping} field points at (anon_vmas and address spaces),
 * numbered so the frame arrays can hold an int. Ids of freed anon_vmas are reused.
 */
public final class Mappings {
  private final List<Object> byId = new ArrayList<>();
  private final List<Integer> free = new ArrayList<>();

  public Mappings() {
    byId.add(null); // id 0 = no mapping
  }

  /** A new anon_vma (anon_vma_alloc), child of {@code parent} or a root. */
  AnonVma newAnonVma(AnonVma parent) {
    int id;
    if (free.isEmpty()) {
      id = byId.size();
      byId.add(null);
    } else {
      id = free.remove(free.size() - 1);
    }
    AnonVma av = new AnonVma(id, parent);
    byId.set(id, av);
    if (parent != null) {
      parent.children++;
    }
    return av;
  }

  /** Frees an anon_vma's id once no page and no VMA refers to it. */
  void release(AnonVma av) {
    if (byId.get(av.id) == av) {
      byId.set(av.id, null);
      free.add(av.id);
      if (av.parent != av) {
        av.parent.children--;
      }
    }
  }

  /** Registers a file's page cache. */
  public void register(AddressSpace as) {
    if (as.id() == 0) {
      as.setId(byId.size());
      byId.add(as);
    }
  }

  /** The anon_vma with this id, or null. */
  public AnonVma anonVma(int id) {
    Object o = id > 0 && id < byId.size() ? byId.get(id) : null;
    return o instanceof AnonVma a ? a : null;
  }

  /** The address space with this id, or null. */
  public AddressSpace addressSpace(int id) {
    Object o = id > 0 && id < byId.size() ? byId.get(id) : null;
    return o instanceof AddressSpace a ? a : null;
  }
}
