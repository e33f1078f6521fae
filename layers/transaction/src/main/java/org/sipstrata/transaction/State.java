package org.sipstrata.transaction;

/**
 * The states of the four transaction state machines, named as in RFC 3261 Figures 5-8 and RFC 6026
 * (which adds {@link #ACCEPTED} to both INVITE machines). Each machine uses a subset; {@link
 * TransitionTable#states(Machine)} lists which.
 */
public enum State {
  /** INVITE client: the INVITE is being sent (Figure 5). */
  CALLING("Calling"),
  /** Non-INVITE client and server: the first state (Figures 6 and 8). */
  TRYING("Trying"),
  /** A provisional response was received (client) or sent (server). */
  PROCEEDING("Proceeding"),
  /** A final response was received (client) or sent (server); absorbing retransmissions. */
  COMPLETED("Completed"),
  /** INVITE server: the ACK for a non-2xx final response arrived (Figure 7). */
  CONFIRMED("Confirmed"),
  /** INVITE client and server after a 2xx (RFC 6026 §7.1, §7.2). */
  ACCEPTED("Accepted"),
  /** The end: the transaction is destroyed the instant it enters this state. */
  TERMINATED("Terminated");

  private final String label;

  State(String label) {
    this.label = label;
  }

  /** The name as the figures write it, e.g. {@code "Proceeding"}. */
  public String label() {
    return label;
  }
}
