package io.vmlab.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this API (plugins name it in {@code Plugin-Requires}) and of vmlab itself. */
public final class ApiVersion {
  private static final Properties PROPS = load();

  /** The kernel API version, a semantic version such as {@code 1.0.0}. */
  public static final String API = PROPS.getProperty("api.version", "0.0.0");

  /** The vmlab release. */
  public static final String VMLAB = PROPS.getProperty("vmlab.version", "0.0.0");

  private ApiVersion() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = ApiVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
