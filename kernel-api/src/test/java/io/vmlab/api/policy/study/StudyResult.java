package io.vmlab.api.policy.study;

/** The counts of one policy-study run, as {@code vmlab replay --policy-study} prints them. */
public record StudyResult(long references, long faults, long writebacks) {
  @Override
  public String toString() {
    return "references=" + references + " faults=" + faults + " writebacks=" + writebacks;
  }
}
