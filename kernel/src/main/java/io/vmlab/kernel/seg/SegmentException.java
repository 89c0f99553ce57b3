package io.vmlab.kernel.seg;

/** The exceptions segmentation raises, with their vectors. */
public enum SegmentException {
  /** #NP: loading a segment whose descriptor is not present. */
  NP(11, "#NP", "segment not present"),
  /** #SS: a stack-segment limit violation, or loading SS with a not-present segment. */
  SS(12, "#SS", "stack-segment fault"),
  /** #GP: every other protection violation. */
  GP(13, "#GP", "general protection");

  private final int vector;
  private final String mnemonic;
  private final String title;

  SegmentException(int vector, String mnemonic, String title) {
    this.vector = vector;
    this.mnemonic = mnemonic;
    this.title = title;
  }

  /** The interrupt vector. */
  public int vector() {
    return vector;
  }

  /** {@code #GP}, {@code #SS} or {@code #NP}. */
  public String mnemonic() {
    return mnemonic;
  }

  /** The exception's name in words. */
  public String title() {
    return title;
  }
}
