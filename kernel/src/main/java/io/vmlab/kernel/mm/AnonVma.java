package io.vmlab.kernel.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * struct anon_vma (mm/rmap.c): the reverse map of anonymous pages. A page's mapping points at
 * the anon_vma of the VMA that first faulted it; the anon_vma lists every VMA (through
 * anon_vma_chain links) whose pages it may contain, so the page can be found from each of them.
 * fork() links the child's VMAs to the parent's anon_vmas and gives each a new one of its own.
 */
public final class AnonVma {
  final int id;
  final AnonVma root;
  final AnonVma parent;
  /** The VMAs linked to this anon_vma (its anon_vma_chain entries). */
  final List<Vma> vmas = new ArrayList<>(2);
  /** num_children: anon_vmas whose parent this is (plus one for itself in Linux). */
  int children;
  /** num_active_vmas: VMAs whose vma->anon_vma is this one. */
  int activeVmas;

  AnonVma(int id, AnonVma parent) {
    this.id = id;
    this.parent = parent == null ? this : parent;
    this.root = parent == null ? this : parent.root;
  }

  /** The id struct page's mapping holds for this anon_vma's pages. */
  public int id() {
    return id;
  }

  /** The oldest ancestor; a page shared across a fork family points here (__page_set_anon_rmap). */
  public AnonVma root() {
    return root;
  }

  /** The VMAs this anon_vma's pages may be mapped in. */
  public List<Vma> vmas() {
    return vmas;
  }
}
