package io.vmlab.api.arch;

/** Linux's five page-table levels, top to bottom. A given paging mode folds some of them. */
public enum PageLevel {
  PGD("pgd"),
  P4D("p4d"),
  PUD("pud"),
  PMD("pmd"),
  PTE("pte");

  private final String linuxName;

  PageLevel(String linuxName) {
    this.linuxName = linuxName;
  }

  /** The name Linux uses ({@code pgd}, {@code p4d}, ...). */
  public String linuxName() {
    return linuxName;
  }
}
