package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;
import java.util.List;

/**
 * What {@code vmlab layout} shows for one machine.
 *
 * @param schemaVersion the JSON schema version of this record
 * @param machine the machine's name
 * @param file the machine file
 * @param arch the architecture id
 * @param paging the paging mode
 * @param split the user/kernel split, or empty when the architecture has none
 * @param kernel the kernel version
 * @param entryBytes bytes per page-table entry
 * @param virtualBits significant virtual-address bits
 * @param canonical whether addresses must be sign-extended (x86-64)
 * @param walkDepth levels a hardware walk reads
 * @param pageSize base page size
 * @param levels the five levels, top down
 * @param pageOffset PAGE_OFFSET
 * @param taskSizeMax TASK_SIZE_MAX
 * @param stackRlimit the RLIMIT_STACK mmap_base was computed for (-1 = unlimited)
 * @param abis the process ABIs, native first
 * @param kernelAreas the kernel's own areas, lowest first
 */
public record LayoutReport(
    int schemaVersion,
    String machine,
    String file,
    String arch,
    String paging,
    String split,
    String kernel,
    int entryBytes,
    int virtualBits,
    boolean canonical,
    int walkDepth,
    long pageSize,
    List<LevelRow> levels,
    @JsonSerialize(using = HexSerializer.class) long pageOffset,
    @JsonSerialize(using = HexSerializer.class) long taskSizeMax,
    long stackRlimit,
    List<AbiLayout> abis,
    List<AreaRow> kernelAreas) {
  /** The current {@link #schemaVersion}. */
  public static final int SCHEMA_VERSION = 1;

  public LayoutReport {
    levels = List.copyOf(levels);
    abis = List.copyOf(abis);
    kernelAreas = List.copyOf(kernelAreas);
  }

  /** The native ABI's layout. */
  public AbiLayout nativeAbi() {
    return abis.get(0);
  }
}
