package org.sipstrata.transport;

import java.util.Optional;

/**
 * The decision of RFC 3261 §18.2.2 (with RFC 3581 §4): where a server transport sends a response,
 * from the response's top Via value and the connection its request arrived on, if that is still
 * open. {@link ViaRules#routeResponse} is the implementation the transport uses; this interface
 * lets another one (a learner's, in tutorial chapter 3) be run against the same tests.
 */
@FunctionalInterface
public interface ResponseRouting {

  /**
   * @param topVia the top Via value of the response, as written in the message
   * @param openConnection the connection the request came on, when it is still open
   * @return where to send the response; empty when the Via does not match RFC 3261 §25 or names a
   *     transport this stack does not run
   */
  Optional<ResponseRoute> route(String topVia, Optional<Connection> openConnection);

  /** The transport's own routing, {@link ViaRules#routeResponse}. */
  static ResponseRouting reference() {
    return ViaRules::routeResponse;
  }
}
