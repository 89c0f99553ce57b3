package io.vmlab.app.trace;

/**
 * The kind of one page reference, as lackey records it: an instruction fetch, a load, a store or
 * a modify (a read-modify-write instruction: one access that faults as a write, as on x86).
 * Plain {@code int} codes so that a reference fits in one {@code long} ({@link PageRef}).
 */
public final class AccessKind {
  /** {@code I}: an instruction fetch (execute access). */
  public static final int EXEC = 0;
  /** {@code L}: a data load (read access). */
  public static final int READ = 1;
  /** {@code S}: a data store (write access). */
  public static final int WRITE = 2;
  /** {@code M}: a modify, load then store of the same location (faults as a write). */
  public static final int MODIFY = 3;
  /** The number of kinds. */
  public static final int COUNT = 4;

  private static final String LETTERS = "ILSM";
  private static final String[] NAMES = {"exec", "read", "write", "modify"};

  private AccessKind() {}

  /** Whether {@code kind} writes the page (a store or a modify): sets the dirty bit, write fault. */
  public static boolean isWrite(int kind) {
    return kind >= WRITE;
  }

  /** Whether {@code kind} is an instruction fetch. */
  public static boolean isExec(int kind) {
    return kind == EXEC;
  }

  /** The lackey letter of {@code kind}: I, L, S or M. */
  public static char letter(int kind) {
    return LETTERS.charAt(kind);
  }

  /** The lower-case name of {@code kind}: exec, read, write or modify. */
  public static String name(int kind) {
    return NAMES[kind];
  }
}
