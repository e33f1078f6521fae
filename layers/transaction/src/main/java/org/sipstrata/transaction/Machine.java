package org.sipstrata.transaction;

import java.util.Optional;
import org.sipstrata.syntax.SipRequest;

/** The four transaction state machines of RFC 3261 §17, each with the figure that draws it. */
public enum Machine {
  /** RFC 3261 §17.1.1, Figure 5 as replaced by RFC 6026 §8.4. */
  INVITE_CLIENT("INVITE client transaction", 5, "https://www.rfc-editor.org/rfc/rfc6026#section-8.4"),
  /** RFC 3261 §17.1.2, Figure 6. */
  NON_INVITE_CLIENT(
      "non-INVITE client transaction", 6, "https://www.rfc-editor.org/rfc/rfc3261#section-17.1.2.2"),
  /** RFC 3261 §17.2.1, Figure 7 as replaced by RFC 6026 §8.6. */
  INVITE_SERVER("INVITE server transaction", 7, "https://www.rfc-editor.org/rfc/rfc6026#section-8.6"),
  /** RFC 3261 §17.2.2, Figure 8. */
  NON_INVITE_SERVER(
      "non-INVITE server transaction", 8, "https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2");

  private final String title;
  private final int figure;
  private final String figureSource;

  Machine(String title, int figure, String figureSource) {
    this.title = title;
    this.figure = figure;
    this.figureSource = figureSource;
  }

  /** The figure's caption, e.g. {@code "INVITE client transaction"}. */
  public String title() {
    return title;
  }

  /** The figure number in RFC 3261 (RFC 6026 keeps the numbers of the figures it replaces). */
  public int figure() {
    return figure;
  }

  /** Where the figure in force is printed. */
  public String figureSource() {
    return figureSource;
  }

  /** Whether this is one of the two client machines (§17.1). */
  public boolean isClient() {
    return this == INVITE_CLIENT || this == NON_INVITE_CLIENT;
  }

  /** Whether this is one of the two INVITE machines. */
  public boolean isInvite() {
    return this == INVITE_CLIENT || this == INVITE_SERVER;
  }

  /**
   * The client machine for a request the TU sends; empty for ACK.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1
  //# There is no client
  //# transaction for ACK.  If the TU wishes to send an ACK, it passes one
  //# directly to the transport layer for transmission.
  public static Optional<Machine> clientFor(SipRequest request) {
    return switch (request.method()) {
      case "ACK" -> Optional.empty();
      case "INVITE" -> Optional.of(INVITE_CLIENT);
      default -> Optional.of(NON_INVITE_CLIENT);
    };
  }

  /** The server machine for a request from the network; empty for ACK. */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.2
  //# The state machine is initialized in the "Trying" state and is passed
  //# a request other than INVITE or ACK when initialized.
  public static Optional<Machine> serverFor(SipRequest request) {
    return switch (request.method()) {
      case "ACK" -> Optional.empty();
      case "INVITE" -> Optional.of(INVITE_SERVER);
      default -> Optional.of(NON_INVITE_SERVER);
    };
  }
}
