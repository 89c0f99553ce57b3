package io.vmlab.app.conform;

/** The kinds of recorded values a case compares. */
enum CheckKind {
  RESULT,
  MAPS,
  SMAPS,
  STATUS,
  STATM,
  MINFLT,
  SIGNAL;

  String label() {
    return name().toLowerCase();
  }
}
