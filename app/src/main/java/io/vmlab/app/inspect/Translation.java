package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;
import java.util.List;

/**
 * How a machine's MMU sees one virtual address.
 *
 * @param address the address
 * @param space {@code user}, {@code kernel} or {@code non-canonical}
 * @param area the kernel area it falls in, or null
 * @param aboveTaskSizeMax a user-half address at or above TASK_SIZE_MAX (no VMA can be there)
 * @param levels the index at each of the five levels; empty for a non-canonical address
 * @param offset the offset in the 4 KiB page
 * @param pageShift bits of the offset
 * @param notes what is special about the address, one sentence each
 */
public record Translation(
    @JsonSerialize(using = HexSerializer.class) long address,
    String space,
    String area,
    boolean aboveTaskSizeMax,
    List<LevelIndex> levels,
    long offset,
    int pageShift,
    List<String> notes) {
  /** The space of a user address. */
  public static final String USER = "user";
  /** The space of a kernel address. */
  public static final String KERNEL = "kernel";
  /** The space of an x86-64 non-canonical address. */
  public static final String NON_CANONICAL = "non-canonical";

  public Translation {
    levels = List.copyOf(levels);
    notes = List.copyOf(notes);
  }
}
