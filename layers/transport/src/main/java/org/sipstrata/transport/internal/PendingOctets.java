package org.sipstrata.transport.internal;

import java.util.Optional;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SyntaxLimits;

/**
 * The octets of the message a stream is in the middle of, kept so that a request whose framing
 * fails after its header section (no or bad Content-Length, body too large) can still be answered
 * with a 400 (RFC 3261 §18.3, DESIGN.md "Bad input"). Bounded: past {@code cap} octets it stops
 * keeping them, and no answer is possible for that connection any more.
 */
final class PendingOctets {

  private final int cap;
  private byte[] buffer = new byte[1024];
  private int start;
  private int end;
  private boolean lost;

  PendingOctets(int cap) {
    this.cap = cap;
  }

  void append(byte[] chunk, int offset, int length) {
    if (lost) {
      return;
    }
    if (end - start + length > cap) {
      lost = true;
      buffer = new byte[0];
      start = end = 0;
      return;
    }
    if (end + length > buffer.length) {
      int live = end - start;
      byte[] grown = new byte[Math.max(buffer.length, Integer.highestOneBit(live + length) << 1)];
      System.arraycopy(buffer, start, grown, 0, live);
      buffer = grown;
      start = 0;
      end = live;
    }
    System.arraycopy(chunk, offset, buffer, end, length);
    end += length;
  }

  /** A message of {@code octets} octets was framed: drop them. */
  void consumed(int octets) {
    if (!lost) {
      start = Math.min(end, start + octets);
      if (start == end) {
        start = end = 0;
        if (buffer.length > 64 * 1024) {
          buffer = new byte[1024];
        }
      }
    }
  }

  /** The request the pending octets begin with ({@link HeaderSection#request}), if they were kept. */
  Optional<SipRequest> salvageRequest(SyntaxLimits limits) {
    return lost ? Optional.empty() : HeaderSection.request(buffer, start, end, limits);
  }
}
