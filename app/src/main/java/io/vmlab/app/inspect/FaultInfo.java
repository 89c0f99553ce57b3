package io.vmlab.app.inspect;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vmlab.app.format.HexSerializer;
import io.vmlab.kernel.seg.SegmentFault;

/**
 * The fault a translation raised, with the error code the CPU pushes split into its fields.
 *
 * @param exception {@code #GP}, {@code #SS} or {@code #NP}
 * @param vector 13, 12 or 11
 * @param errorCode the pushed error code
 * @param index its selector index (bits 15..3)
 * @param ti its table indicator (bit 2)
 * @param ext its EXT bit (bit 0): always 0 here, no external event is being delivered
 * @param mnemonic {@code #GP(0x60)}
 * @param reason the check that failed
 */
public record FaultInfo(
    String exception,
    int vector,
    @JsonSerialize(using = HexSerializer.class) long errorCode,
    int index,
    int ti,
    int ext,
    String mnemonic,
    String reason) {
  /** The view of {@code f}. */
  public static FaultInfo of(SegmentFault f) {
    int code = f.errorCode();
    return new FaultInfo(f.exception().mnemonic(), f.exception().vector(), code, code >>> 3, (code >>> 2) & 1,
        code & 1, f.mnemonic(), f.reason().text());
  }
}
