/**
 * Physical memory: frames with the state Linux keeps in struct page (refcount, mapcount, flags,
 * mapping, index), held in primitive arrays indexed by frame number, and the buddy allocator
 * (mm/page_alloc.c) that hands them out.
 */
package io.vmlab.kernel.phys;
