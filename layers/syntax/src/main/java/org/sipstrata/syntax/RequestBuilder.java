package org.sipstrata.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a request outside a dialog as RFC 3261 §8.1.1 describes: the six mandatory header fields
 * (To, From, CSeq, Call-ID, Max-Forwards, Via), then Contact, Route, other rows, body.
 *
 * <p>What the UAC must choose freshly is chosen here unless given: the From tag (§8.1.1.3), the
 * Call-ID (§8.1.1.4), the Via branch (§8.1.1.7), from {@link Identifiers}. Max-Forwards defaults to
 * 70 (§8.1.1.6), the CSeq number to 1 (§8.1.1.5 allows any value below 2**31). The Request-URI
 * defaults to the To URI (§8.1.1.1). The builder is mutable; {@link #build()} returns an immutable
 * {@link SipRequest} and may be called again.
 */
public final class RequestBuilder {

  private final String method;
  private Uri requestUri;
  private NameAddress to;
  private NameAddress from;
  private String callId;
  private long cseq = 1;
  private int maxForwards = 70;
  private final List<Via> vias = new ArrayList<>();
  private NameAddress contact;
  private final List<NameAddress> routes = new ArrayList<>();
  private final List<HeaderField> others = new ArrayList<>();
  private MediaType contentType;
  private byte[] body = new byte[0];
  private Identifiers identifiers = Identifiers.secure();

  private RequestBuilder(String method) {
    this.method = Objects.requireNonNull(method);
  }

  /** A builder for a request with this method, e.g. {@code INVITE}. */
  public static RequestBuilder request(String method) {
    return new RequestBuilder(method);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.1
  //# The initial Request-URI of the message SHOULD be set to the value of
  //# the URI in the To field.
  /** The Request-URI, when it should differ from the To URI (e.g. a pre-existing route set). */
  public RequestBuilder requestUri(Uri uri) {
    this.requestUri = uri;
    return this;
  }

  public RequestBuilder to(NameAddress address) {
    this.to = address;
    return this;
  }

  /** The From address; a tag is added when it has none (§8.1.1.3). */
  public RequestBuilder from(NameAddress address) {
    this.from = address;
    return this;
  }

  public RequestBuilder callId(String value) {
    this.callId = value;
    return this;
  }

  public RequestBuilder cseq(long sequenceNumber) {
    this.cseq = sequenceNumber;
    return this;
  }

  public RequestBuilder maxForwards(int value) {
    this.maxForwards = value;
    return this;
  }

  /** A Via value; a branch is added when it has none (§8.1.1.7). The first is the top Via. */
  public RequestBuilder via(Via via) {
    this.vias.add(Objects.requireNonNull(via));
    return this;
  }

  public RequestBuilder contact(NameAddress address) {
    this.contact = address;
    return this;
  }

  public RequestBuilder route(NameAddress address) {
    this.routes.add(Objects.requireNonNull(address));
    return this;
  }

  /** Any other header row, written after the ones above in the order given. */
  public RequestBuilder header(String name, String value) {
    this.others.add(HeaderField.of(name, value));
    return this;
  }

  public RequestBuilder body(MediaType type, byte[] content) {
    this.contentType = Objects.requireNonNull(type);
    this.body = content.clone();
    return this;
  }

  /** Where fresh tags, Call-IDs and branches come from (default {@link Identifiers#secure()}). */
  public RequestBuilder identifiers(Identifiers source) {
    this.identifiers = Objects.requireNonNull(source);
    return this;
  }

  /**
   * The request.
   *
   * @throws IllegalStateException if To, From or a Via is missing, or a value is out of the range
   *     §8.1.1.5 / §20.22 allow (a programming error, not bad input)
   */
  public SipRequest build() {
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1
    //# A valid SIP request formulated by a UAC MUST, at a minimum, contain
    //# the following header fields: To, From, CSeq, Call-ID, Max-Forwards,
    //# and Via; all of these header fields are mandatory in all SIP
    //# requests.
    List<String> missing = new ArrayList<>();
    if (to == null) {
      missing.add("To");
    }
    if (from == null) {
      missing.add("From");
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
    //# When the UAC creates a request, it MUST insert a Via into that
    //# request.
    if (vias.isEmpty()) {
      missing.add("Via");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("a request needs " + String.join(", ", missing)
          + " (RFC 3261 §8.1.1)");
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
    //# The
    //# sequence number value MUST be expressible as a 32-bit unsigned
    //# integer and MUST be less than 2**31.
    if (cseq < 0 || cseq >= (1L << 31)) {
      throw new IllegalStateException("CSeq " + cseq + " is not below 2**31 (RFC 3261 §8.1.1.5)");
    }
    if (maxForwards < 0 || maxForwards > 255) {
      throw new IllegalStateException("Max-Forwards " + maxForwards + " is not 0-255 (§20.22)");
    }
    List<HeaderField> rows = new ArrayList<>();
    for (Via via : vias) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
      //# The Via header
      //# field value MUST contain a branch parameter.
      Via withBranch = via.branch().isPresent() ? via
          : via.with(Parameter.of("branch", identifiers.newBranch()));
      rows.add(HeaderField.of("Via", withBranch.toString()));
    }
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.6
    //# A UAC MUST insert a Max-Forwards header field into each request it
    //# originates with a value that SHOULD be 70.
    rows.add(HeaderField.of("Max-Forwards", Integer.toString(maxForwards)));
    rows.add(HeaderField.of("To", to.toString()));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.3
    //# The From field MUST contain a new "tag" parameter, chosen by the UAC.
    NameAddress tagged = from.tag().isPresent() ? from : from.withTag(identifiers.newTag());
    rows.add(HeaderField.of("From", tagged.toString()));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.4
    //# In a new request created by a UAC outside of any dialog, the Call-ID
    //# header field MUST be selected by the UAC as a globally unique
    //# identifier over space and time unless overridden by method-specific
    //# behavior.
    String id = callId != null ? callId : identifiers.newCallId(hostOf(tagged.uri()).orElse(""));
    rows.add(HeaderField.of("Call-ID", id));
    //= https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.5
    //# The method MUST match that of the request.
    rows.add(HeaderField.of("CSeq", cseq + " " + method));
    if (contact != null) {
      rows.add(HeaderField.of("Contact", contact.toString()));
    }
    for (NameAddress route : routes) {
      rows.add(HeaderField.of("Route", route.toString()));
    }
    rows.addAll(others);
    if (contentType != null) {
      rows.add(HeaderField.of("Content-Type", contentType.toString()));
    }
    rows.add(HeaderField.of("Content-Length", Integer.toString(body.length)));
    Uri target = requestUri != null ? requestUri : to.uri();
    if (target instanceof SipUri sip) {
      //= https://www.rfc-editor.org/rfc/rfc3261#section-19.1.5
      //# The method parameter MUST NOT be placed in the
      //# Request-URI.
      List<Parameter> kept = sip.parameters().list().stream()
          .filter(p -> !p.name().equalsIgnoreCase("method")).toList();
      // §19.1.1 Table 1: no headers component in a Request-URI.
      target = sip.withParameters(new Parameters(kept)).withoutHeaders();
    }
    return SipRequest.of(method, target.toString(), HeaderFields.of(rows), body);
  }

  private static Optional<String> hostOf(Uri uri) {
    return uri instanceof SipUri sip ? Optional.of(sip.host().text()) : Optional.empty();
  }
}
