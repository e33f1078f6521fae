package org.sipstrata.transaction;

/**
 * The transaction timers of RFC 3261 Appendix A (Table 4) and RFC 6026 §8.11, and the one timer
 * RFC 4320 §4.1 implies for the non-INVITE server transaction ({@link #TIMER_100}). Timer C is not
 * here: it belongs to the proxy core (§16.6 bullet 11), not to a transaction state machine.
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
  M("wait time for retransmission of 2xx to INVITE or additional 2xx"),
  /**
   * When a non-INVITE server transaction that has not responded sends its own 100 (Trying): the
   * time a client transaction's Timer E takes to be reset to T2 ({@link
   * TimerConfig#timerEResetToT2}). Not a timer of RFC 3261: RFC 4320 §4.1 forbids a 100 over an
   * unreliable transport before that time and requires one after it, so the server transaction
   * times it; this project names it "Timer 100".
   */
  TIMER_100("100", "wait time before a 100 (Trying) to a non-INVITE request (RFC 4320)");

  private final String symbol;
  private final String meaning;

  TimerName(String meaning) {
    this.symbol = name();
    this.meaning = meaning;
  }

  TimerName(String symbol, String meaning) {
    this.symbol = symbol;
    this.meaning = meaning;
  }

  /** How the figures and Table 4 name the timer: {@code "A"} ... {@code "M"}, and {@code "100"}. */
  public String symbol() {
    return symbol;
  }

  /** {@code "Timer A"} ... {@code "Timer M"}, {@code "Timer 100"}. */
  public String label() {
    return "Timer " + symbol;
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
