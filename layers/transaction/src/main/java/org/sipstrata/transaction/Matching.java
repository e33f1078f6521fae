package org.sipstrata.transaction;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sipstrata.syntax.CSeq;
import org.sipstrata.syntax.SipMessage;
import org.sipstrata.syntax.SipRequest;
import org.sipstrata.syntax.SipResponse;
import org.sipstrata.syntax.SipUri;
import org.sipstrata.syntax.Uri;
import org.sipstrata.syntax.Via;

/**
 * Matching messages to transactions as pure functions: a message gives a {@link TransactionKey}
 * (§17.1.3 for responses, §17.2.3 for requests, §9.2 for the transaction a CANCEL cancels), or
 * the reason it cannot be matched.
 */
public final class Matching {

  private Matching() {}

  /** A key, or why the message has none. */
  public sealed interface Result {
    /** The message's transaction key. */
    record Key(TransactionKey key) implements Result {
      public Key {
        Objects.requireNonNull(key);
      }
    }

    /**
     * The message lacks what matching needs (a well-formed top Via with a branch, a CSeq, ...):
     * no transaction can match it.
     */
    record Unmatchable(String reason, String rfcSection) implements Result {
      public Unmatchable {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(rfcSection);
      }
    }

    /** The key when there is one. */
    default Optional<TransactionKey> toOptional() {
      return this instanceof Key k ? Optional.of(k.key()) : Optional.empty();
    }
  }

  /** The key a client transaction is filed under: top Via branch and the request's method. */
  public static Result clientKey(SipRequest request) {
    Optional<Via> top = topVia(request);
    if (top.isEmpty() || top.get().branch().isEmpty()) {
      return new Result.Unmatchable("no branch in a well-formed top Via", "17.1.3");
    }
    return new Result.Key(new TransactionKey.Client(top.get().branch().get(), request.method()));
  }

  /**
   * The key of the client transaction a response belongs to.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
  //# If the response has the same value of the branch parameter in
  //# the top Via header field as the branch parameter in the top
  //# Via header field of the request that created the transaction.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.1.3
  //# If the method parameter in the CSeq header field matches the
  //# method of the request that created the transaction.
  public static Result clientKey(SipResponse response) {
    Optional<Via> top = topVia(response);
    if (top.isEmpty() || top.get().branch().isEmpty()) {
      return new Result.Unmatchable("no branch in a well-formed top Via", "17.1.3");
    }
    Optional<CSeq> cseq = response.cseq();
    if (cseq.isEmpty()) {
      return new Result.Unmatchable("no well-formed CSeq", "17.1.3");
    }
    return new Result.Key(new TransactionKey.Client(top.get().branch().get(), cseq.get().method()));
  }

  /**
   * The key of the server transaction a request from the network belongs to (or creates): the
   * RFC 3261 key when the top Via branch carries the magic cookie, else the RFC 2543 key.
   */
  public static Result serverKey(SipRequest request) {
    return serverKey(request, request.method());
  }

  /**
   * The key of the server transaction a CANCEL cancels, if that transaction's method is {@code
   * method} (usually INVITE; any method but CANCEL and ACK).
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-9.2
  //# The TU determines the transaction to be
  //# cancelled by taking the CANCEL request, and then assuming that the
  //# request method is anything but CANCEL or ACK and applying the
  //# transaction matching procedures of Section 17.2.3.
  public static Result cancelledKey(SipRequest cancel, String method) {
    if (method.equals("CANCEL") || method.equals("ACK")) {
      throw new IllegalArgumentException("a CANCEL cancels neither a CANCEL nor an ACK");
    }
    return serverKey(cancel, method);
  }

  private static Result serverKey(SipRequest request, String method) {
    Optional<Via> top = topVia(request);
    if (top.isEmpty()) {
      return new Result.Unmatchable("no well-formed top Via", "17.2.3");
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //# the method of the request matches the one that created the
    //# transaction, except for ACK, where the method of the request
    //# that created the transaction is INVITE.
    String keyMethod = method.equals("ACK") ? "INVITE" : method;
    if (hasRfc3261Branch(top.get())) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
      //# the branch parameter in the request is equal to the one in the
      //# top Via header field of the request that created the
      //# transaction, and
      //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
      //# the sent-by value in the top Via of the request is equal to the
      //# one in the request that created the transaction, and
      return new Result.Key(
          new TransactionKey.Server(top.get().branch().get(), sentBy(top.get()), keyMethod));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
    //# If the branch parameter in the top Via header field is not present,
    //# or does not contain the magic cookie, the following procedures are
    //# used.  These exist to handle backwards compatibility with RFC 2543
    //# compliant implementations.
    Optional<CSeq> cseq = request.cseq();
    Optional<String> callId = request.callId();
    if (cseq.isEmpty() || callId.isEmpty()) {
      return new Result.Unmatchable("no well-formed CSeq or Call-ID for RFC 2543 matching", "17.2.3");
    }
    return new Result.Key(new TransactionKey.Rfc2543(request.requestUri(),
        request.fromTag().orElse(""), callId.get(), cseq.get().sequenceNumber(), keyMethod,
        top.get().toString()));
  }

  /**
   * Whether a branch identifies an RFC 3261 transaction: it begins with the magic cookie and has
   * something after it. A branch that is the cookie alone (RFC 4475 §3.2.1, {@code badbranch})
   * "provides no identifier" and falls back to RFC 2543 matching, which that section allows.
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
  //# If it is present and begins with the magic cookie
  //# "z9hG4bK", the request was generated by a client transaction
  //# compliant to this specification.
  public static boolean hasRfc3261Branch(Via via) {
    return via.branch()
        .filter(b -> b.startsWith(Via.MAGIC_COOKIE) && b.length() > Via.MAGIC_COOKIE.length())
        .isPresent();
  }

  /**
   * The RFC 2543 rule in full for a request whose {@link TransactionKey.Rfc2543} key equals that
   * of {@code original}: besides the key's fields, the Request-URI is compared by §19.1.4 and the
   * To tag as §17.2.3 says (INVITE and other methods: the To tag of the original request; ACK: the
   * To tag of {@code sentResponse}, the response the server transaction sent).
   */
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
  //# The INVITE request matches a transaction if the Request-URI, To tag,
  //# From tag, Call-ID, CSeq, and top Via header field match those of the
  //# INVITE request which created the transaction.
  //= https://www.rfc-editor.org/rfc/rfc3261#section-17.2.3
  //# The ACK request matches a transaction if the Request-
  //# URI, From tag, Call-ID, CSeq number (not the method), and top Via
  //# header field match those of the INVITE request which created the
  //# transaction, and the To tag of the ACK matches the To tag of the
  //# response sent by the server transaction.
  public static boolean sameRfc2543Transaction(
      SipRequest original, Optional<SipResponse> sentResponse, SipRequest incoming) {
    Result a = serverKey(original);
    Result b = serverKey(incoming);
    if (!(a instanceof Result.Key ka) || !(b instanceof Result.Key kb)) {
      return false;
    }
    if (!(ka.key() instanceof TransactionKey.Rfc2543 x)
        || !(kb.key() instanceof TransactionKey.Rfc2543 y)) {
      return false;
    }
    boolean sameUri = sameRequestUri(original, incoming);
    boolean sameRest = x.fromTag().equals(y.fromTag()) && x.callId().equals(y.callId())
        && x.cseqNumber() == y.cseqNumber() && x.method().equals(y.method())
        && x.topVia().equals(y.topVia());
    Optional<String> expectedToTag = incoming.method().equals("ACK")
        ? sentResponse.flatMap(SipMessage::toTag)
        : original.toTag();
    return sameUri && sameRest && expectedToTag.equals(incoming.toTag());
  }

  private static boolean sameRequestUri(SipRequest a, SipRequest b) {
    Optional<Uri> ua = a.requestUriValue().toOptional();
    Optional<Uri> ub = b.requestUriValue().toOptional();
    if (ua.isPresent() && ub.isPresent()
        && ua.get() instanceof SipUri sa && ub.get() instanceof SipUri sb) {
      return sa.equivalentTo(sb);
    }
    return a.requestUri().equals(b.requestUri());
  }

  private static Optional<Via> topVia(SipMessage message) {
    return message.via().toOptional().filter(list -> !list.isEmpty()).map(List::getFirst);
  }

  /** sent-by with the host in lower case: host names compare case-insensitively (§19.1.4). */
  private static String sentBy(Via via) {
    String host = via.host().text().toLowerCase(Locale.ROOT);
    return via.port().isPresent() ? host + ":" + via.port().getAsInt() : host;
  }
}
