package org.sipstrata.transport;

import java.util.List;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;

/**
 * The transport layer as the layer above sees it (RFC 3261 §18): send requests and responses; what
 * arrives goes to the {@link TransportListener} given at creation, on the {@link Scheduler}'s
 * thread. {@link SocketTransport} implements it over real UDP and TCP sockets.
 *
 * <p>Every method may be called from any thread and returns at once; failures come back as {@link
 * TransportError} events (§18.4).
 */
public interface SipTransport extends AutoCloseable {

  /**
   * Sends a message as it is (no Via processing) to {@code destination}; over a reliable transport
   * on the open connection to that far end, or a new one.
   */
  void send(SipMessage message, Endpoint destination);

  /**
   * Sends a request as the client transport of §18.1.1: the top Via (which the caller provides,
   * with its branch) gets this transport's {@code sent-by} and transport, and {@code rport} (RFC
   * 3581 §3); a UDP request too large for the path goes over TCP.
   */
  void sendRequest(SipRequest request, Endpoint destination);

  /**
   * Sends a response to a request this transport passed up, routed by §18.2.2 and RFC 3581 §4 from
   * the response's top Via and the connection the request came on.
   */
  void sendResponse(SipResponse response, IncomingMessage request);

  /** Whether a connection handed up with a message is still open. */
  boolean isOpen(Connection connection);

  /** The {@code sent-by} values this transport inserts into requests (§18.1.2 checks responses against them). */
  List<ViaRules.SentBy> sentByValues();

  /** Releases every socket; later sends fail with an event. */
  @Override
  void close();
}
