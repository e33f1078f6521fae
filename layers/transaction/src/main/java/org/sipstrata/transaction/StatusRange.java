package org.sipstrata.transaction;

/** The status-code ranges the figures label their response arrows with. */
public enum StatusRange {
  /** {@code 1xx}: provisional. */
  PROVISIONAL("1xx", 100, 199),
  /** {@code 101-199}: provisional other than 100 (Figure 7; RFC 4320 §4.1). */
  PROVISIONAL_NOT_100("101-199", 101, 199),
  /** {@code 100}: Trying alone (RFC 4320 §4.1 times it for a non-INVITE request). */
  TRYING_100("100", 100, 100),
  /** {@code 2xx}: success. */
  SUCCESS("2xx", 200, 299),
  /** {@code 300-699}: final, not success. */
  NON_SUCCESS_FINAL("300-699", 300, 699),
  /** {@code 200-699}: any final response (Figures 6 and 8). */
  FINAL("200-699", 200, 699),
  /** {@code 408}: Request Timeout (RFC 4320 §4.2). */
  REQUEST_TIMEOUT("408", 408, 408);

  private final String label;
  private final int low;
  private final int high;

  StatusRange(String label, int low, int high) {
    this.label = label;
    this.low = low;
    this.high = high;
  }

  /** The label as the figures write it. */
  public String label() {
    return label;
  }

  /** Whether {@code statusCode} is in this range. */
  public boolean contains(int statusCode) {
    return statusCode >= low && statusCode <= high;
  }

  /** The lowest code of the range (a representative, for tests and examples). */
  public int low() {
    return low;
  }

  /** The highest code of the range. */
  public int high() {
    return high;
  }
}
