package org.sipstrata.transaction;

/**
 * Whether the transport under a transaction is reliable (TCP, TLS, SCTP) or not (UDP): RFC 3261
 * §17 starts retransmission timers A, E, G only for unreliable transports and sets D, I, J, K to
 * zero for reliable ones.
 */
public enum Reliability {
  UNRELIABLE,
  RELIABLE
}
