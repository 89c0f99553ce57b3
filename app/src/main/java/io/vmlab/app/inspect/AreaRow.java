package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;

/**
 * A kernel area.
 *
 * @param name e.g. {@code vmalloc}
 * @param kind what the kernel keeps there ({@code DIRECT_MAP}, {@code VMALLOC}, {@code KERNEL}, {@code GATE})
 * @param start first address
 * @param end one past the last (0 = the top of the address space)
 */
public record AreaRow(
    String name,
    String kind,
    @JsonSerialize(using = HexSerializer.class) long start,
    @JsonSerialize(using = HexSerializer.class) long end) {
  /** Bytes covered (unsigned arithmetic; an end of 0 means 2^64). */
  public long size() {
    return end - start;
  }
}
