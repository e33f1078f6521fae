package org.sipstrata.tutorials.ch03;

import java.util.Optional;
import org.sipstrata.transport.Connection;
import org.sipstrata.transport.ResponseRoute;
import org.sipstrata.transport.ResponseRouting;

/**
 * Chapter 3's exercise, to be written by you: RFC 3261 §18.2.2 response routing (with RFC 3581 §4).
 * As given it routes nothing, so every routing test fails against it; the default build does not
 * test it (it tests the transport's {@code ViaRules.routeResponse}). Grade it with
 * {@code ./mvnw -B -o -pl tutorials test -Dtest=ResponseRoutingGraderTest
 * -Dstrata.responseRouting=org.sipstrata.tutorials.ch03.YourResponseRouting}.
 */
public final class YourResponseRouting implements ResponseRouting {

  // tag::exercise[]
  @Override
  public Optional<ResponseRoute> route(String topVia, Optional<Connection> openConnection) {
    // Read topVia with org.sipstrata.syntax.Via.parse, then apply, in order: the reliable-transport
    // rule, maddr, received + rport (RFC 3581 §4), received, and sent-by.
    return Optional.empty();
  }
  // end::exercise[]
}
