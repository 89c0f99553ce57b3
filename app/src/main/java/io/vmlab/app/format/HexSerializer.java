package io.vmlab.app.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a {@code long} address as a {@code "0x..."} string: JSON numbers lose precision above
 * 2^53 and have no unsigned 64-bit type. Use with {@code @JsonSerialize(using = ...)}.
 */
public final class HexSerializer extends StdSerializer<Long> {
  private static final long serialVersionUID = 1L;

  /** Jackson creates it reflectively. */
  public HexSerializer() {
    super(Long.class);
  }

  @Override
  public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeString(Hex.of(value));
  }
}
