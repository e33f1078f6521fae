package org.sipstrata.transport;

/**
 * What the layer above (the transaction layer) implements to receive from the transport layer. Both
 * methods are called on the {@link Scheduler}'s thread, one call at a time.
 */
public interface TransportListener {

  /** A request or response arrived (RFC 3261 §18.1.2, §18.2.1). */
  void onMessage(IncomingMessage message);

  /** Something went wrong below: a send failed (RFC 3261 §18.4), input was dropped, a connection closed. */
  void onError(TransportError error);
}
