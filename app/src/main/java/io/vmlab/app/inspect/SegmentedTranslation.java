package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;
import io.vmlab.kernel.seg.SegmentCheck;
import java.util.List;

/**
 * A logical address through segmentation and then paging.
 *
 * @param logical the address as given
 * @param register the segment register used
 * @param selector the selector decoded
 * @param descriptor the descriptor looked up, or null (null selector, index beyond the table)
 * @param mode the CPU mode
 * @param cpl the current privilege level
 * @param access read, write or exec
 * @param size bytes accessed
 * @param offset the offset in the segment
 * @param checks every check, in order
 * @param fault the fault raised, or null
 * @param base the base added to the offset (0 for cs, ds, es and ss in 64-bit mode), or null after
 *     a fault
 * @param linear the linear address, or null after a fault
 * @param paging how the MMU walks the linear address, or null after a fault
 */
public record SegmentedTranslation(
    String logical,
    String register,
    SelectorInfo selector,
    DescriptorInfo descriptor,
    String mode,
    int cpl,
    String access,
    int size,
    @JsonSerialize(using = HexSerializer.class) long offset,
    List<SegmentCheck> checks,
    FaultInfo fault,
    @JsonSerialize(using = HexSerializer.class) Long base,
    @JsonSerialize(using = HexSerializer.class) Long linear,
    Translation paging) {
  public SegmentedTranslation {
    checks = List.copyOf(checks);
  }
}
