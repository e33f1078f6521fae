package org.sipstrata.transaction;

/**
 * The transaction timers of RFC 3261 Appendix A (Table 4) and RFC 6026 §8.11. Timer C is not here:
 * it belongs to the proxy core (§16.6 bullet 11), not to a transaction state machine.
 */
public enum TimerName {
  /** INVITE request retransmit interval, unreliable transports only (§17.1.1.2). */
  A("INVITE request retransmit interval"),
  /** INVITE transaction timeout (§17.1.1.2). */
  B("INVITE transaction timeout"),
  /** Wait time for response retransmits, INVITE client (§17.1.1.2). */
  D("wait time for response retransmits"),
  /** Non-INVITE request retransmit interval, unreliable transports only (§17.1.2.2). */
  E("non-INVITE request retransmit interval"),
  /** Non-INVITE transaction timeout (§17.1.2.2). */
  F("non-INVITE transaction timeout"),
  /** INVITE response retransmit interval (§17.2.1). */
  G("INVITE response retransmit interval"),
  /** Wait time for ACK receipt (§17.2.1). */
  H("wait time for ACK receipt"),
  /** Wait time for ACK retransmits (§17.2.1). */
  I("wait time for ACK retransmits"),
  /** Wait time for non-INVITE request retransmits (§17.2.2). */
  J("wait time for non-INVITE request retransmits"),
  /** Wait time for response retransmits, non-INVITE client (§17.1.2.2). */
  K("wait time for response retransmits"),
  /** Wait time for accepted INVITE request retransmits (RFC 6026). */
  L("wait time for accepted INVITE request retransmits"),
  /** Wait time for 2xx retransmissions and 2xx from other branches (RFC 6026). */
  M("wait time for retransmission of 2xx to INVITE or additional 2xx");

  private final String meaning;

  TimerName(String meaning) {
    this.meaning = meaning;
  }

  /** The meaning column of Table 4. */
  public String meaning() {
    return meaning;
  }

  /** Whether this timer paces retransmissions (A, E, G) rather than bounding a state's lifetime. */
  public boolean isRetransmission() {
    return this == A || this == E || this == G;
  }
}
