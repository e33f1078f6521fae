package org.sipstrata.transaction;

import java.util.Objects;

/**
 * What identifies a transaction for matching messages to it: the layer keeps its live
 * transactions in a map under these keys ({@link Matching} computes them from messages).
 */
public sealed interface TransactionKey {

  /**
   * A client transaction (§17.1.3): the branch of the top Via of the request that created it,
   * and its method (a CANCEL shares the INVITE's branch but is another transaction).
   */
  record Client(String branch, String method) implements TransactionKey {
    public Client {
      Objects.requireNonNull(branch);
      Objects.requireNonNull(method);
    }
  }

  /**
   * A server transaction created by an RFC 3261 client (§17.2.3, branch with the magic cookie):
   * branch, sent-by of the top Via, and the method, with ACK counted as INVITE.
   */
  record Server(String branch, String sentBy, String method) implements TransactionKey {
    public Server {
      Objects.requireNonNull(branch);
      Objects.requireNonNull(sentBy);
      Objects.requireNonNull(method);
    }
  }

  /**
   * A server transaction created by an RFC 2543 client (§17.2.3, no magic cookie): Request-URI,
   * From tag, Call-ID, CSeq number and method (ACK counted as INVITE), top Via. The To tag is not
   * part of the key, because an ACK carries the tag of the response, not of the INVITE;
   * {@link Matching#sameRfc2543Transaction} checks it.
   */
  record Rfc2543(
      String requestUri, String fromTag, String callId, long cseqNumber, String method, String topVia)
      implements TransactionKey {
    public Rfc2543 {
      Objects.requireNonNull(requestUri);
      Objects.requireNonNull(fromTag);
      Objects.requireNonNull(callId);
      Objects.requireNonNull(method);
      Objects.requireNonNull(topVia);
    }
  }
}
