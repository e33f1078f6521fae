package org.sipstrata.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The targets RFC 3263 located for a request, in the order to try them, and the one being tried.
 *
 * <p>RFC 3263 §4.3 names three failures that move a request on to the next target: a transport
 * failure, a 503, and Timer B or F. The transport layer handles the first itself ({@link
 * SocketTransport#sendRequest(org.sipstrata.syntax.SipRequest, TargetSet)} tries the next target
 * when a connection is refused or a datagram cannot be sent); the other two are seen only by the
 * transaction layer and the TU, which build a new request with a new branch and send it to {@link
 * #next()}.
 *
 * @param targets the located targets, in order
 * @param position the index of the current target; {@code targets.size()} when all were tried
 */
public record TargetSet(List<Endpoint> targets, int position) {

  public TargetSet {
    targets = List.copyOf(targets);
    Objects.checkIndex(position, targets.size() + 1);
  }

  /** A set positioned at its first target. */
  public static TargetSet of(List<Endpoint> targets) {
    return new TargetSet(targets, 0);
  }

  /** The target to try now; empty when every target was tried. */
  public Optional<Endpoint> current() {
    return position < targets.size() ? Optional.of(targets.get(position)) : Optional.empty();
  }

  /** The same set, positioned at the target after the current one. */
  public TargetSet next() {
    return new TargetSet(targets, Math.min(position + 1, targets.size()));
  }

  /** Whether every target was tried. */
  public boolean isExhausted() {
    return position >= targets.size();
  }

  /** The targets not yet tried, the current one first. */
  public List<Endpoint> remaining() {
    return targets.subList(position, targets.size());
  }
}
