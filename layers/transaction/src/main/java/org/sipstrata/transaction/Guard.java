package org.sipstrata.transaction;

/** The condition on the transport a row may carry besides its event. */
public enum Guard {
  /** The row applies to every transport. */
  ANY(""),
  /** Only over unreliable transports (UDP). */
  UNRELIABLE("unreliable"),
  /** Only over reliable transports (TCP, TLS, SCTP). */
  RELIABLE("reliable");

  private final String label;

  Guard(String label) {
    this.label = label;
  }

  /** {@code ""}, {@code "unreliable"} or {@code "reliable"}. */
  public String label() {
    return label;
  }

  /** Whether the guard holds for a transaction over a transport of this reliability. */
  public boolean holds(Reliability reliability) {
    return switch (this) {
      case ANY -> true;
      case UNRELIABLE -> reliability == Reliability.UNRELIABLE;
      case RELIABLE -> reliability == Reliability.RELIABLE;
    };
  }
}
