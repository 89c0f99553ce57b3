package io.vmlab.app.report.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: records end in CRLF; a field holding a comma, a double quote, CR or LF is enclosed
 * in double quotes, with each double quote inside doubled; other fields are written as they are.
 */
public final class Csv {
  /** The record separator RFC 4180 prescribes. */
  public static final String EOL = "\r\n";

  private Csv() {}

  /** {@code value} as one CSV field. */
  public static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Writes one record: the fields, quoted as needed, separated by commas, then CRLF. */
  public static void record(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write(EOL);
  }
}
