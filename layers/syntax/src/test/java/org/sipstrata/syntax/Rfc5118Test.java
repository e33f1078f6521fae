package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.syntax.FramingResult.Failed;
import org.sipstrata.syntax.FramingResult.Framed;

/**
 * The 12 IPv6 torture messages of RFC 5118 through the syntax layer: framed as datagrams (the CRLF
 * copy, {@code corpus/rfc5118/crlf}), validated, and every header read as its typed value. The two
 * messages this layer refuses are refused with a typed error that names the place.
 */
class Rfc5118Test {

  /** One message: its RFC 5118 section and file name. */
  record Message(String section, String name) {
    byte[] wire() {
      return Corpus.resource("/corpus/rfc5118/crlf/" + name);
    }

    byte[] archived() {
      return Corpus.resource("/corpus/rfc5118/" + name);
    }

    @Override
    public String toString() {
      return section + " " + name;
    }
  }

  /** ipv6-bad (§4.2), and the three-colon form of §4.10 that RFC 5954 §4.1 ruled out. */
  private static final Set<String> REFUSED = Set.of("ipv6-bad", "ipv6-bug-abnf-3-colons");

  static List<Message> all() {
    String index = new String(Corpus.resource("/corpus/rfc5118/INDEX.tsv"), StandardCharsets.UTF_8);
    List<Message> out = new ArrayList<>();
    for (String line : index.split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length == 3 && !cols[0].equals("section")) {
        out.add(new Message(cols[0], cols[1]));
      }
    }
    return out;
  }

  static List<Message> accepted() {
    return all().stream().filter(m -> !REFUSED.contains(m.name())).toList();
  }

  static SipMessage frame(Message message) {
    FramingResult result = SipFraming.datagram(message.wire());
    assertThat(result).as(message.toString()).isInstanceOf(Framed.class);
    return ((Framed) result).message();
  }

  @Test
  @DisplayName("the corpus holds the 12 messages of RFC 5118 §4, 10 of them accepted")
  void corpusIsComplete() {
    assertThat(all()).hasSize(12);
    assertThat(accepted()).hasSize(10);
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.1
  //= type=test
  //# The request below is well-formatted according to the grammar in
  //# [RFC3261].
  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  @DisplayName("the well-formed messages frame, validate clean and have every header typed")
  void wellFormedMessagesAreTyped(Message message) {
    SipMessage parsed = frame(message);
    assertThat(parsed.validate()).as("validate()").isEmpty();
    int typed = 0;
    for (TypedHeader<?> header : TypedHeader.ALL) {
      HeaderValue<?> value = parsed.get(header);
      if (parsed.headers().contains(header.name())) {
        assertThat(value).as(header.name()).isInstanceOf(HeaderValue.Valid.class);
        typed += parsed.headers().all(header.name()).size();
      } else {
        assertThat(value).as(header.name()).isInstanceOf(HeaderValue.Absent.class);
      }
    }
    // Every row of these messages is a header of RFC 3261 §20.
    assertThat(typed).isEqualTo(parsed.headers().all().size());
    assertThat(parsed.topViaBranch()).isPresent();
    assertThat(parsed.cseq()).isPresent();
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.2
  //= type=test
  //# The IPv6 reference in the R-URI does not contain the
  //# mandated delimiters for an IPv6 reference ("[" and "]").
  @Test
  @DisplayName("ipv6-bad: a Request-URI with an IPv6 address outside [] is refused at line 1")
  void ipv6BadIsRefused() {
    SipMessage message = frame(new Message("4.2", "ipv6-bad"));
    List<SyntaxError> errors = message.validate();
    assertThat(errors).hasSize(1);
    SyntaxError error = errors.get(0);
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.INVALID_START_LINE);
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.column()).isEqualTo(22);
    assertThat(error.rfcSection()).isEqualTo("RFC 3261 §25.1");
    assertThat(((SipRequest) message).requestUriValue()).isInstanceOf(Parsed.Failed.class);
    // The rest of the message is fine: the headers are typed.
    assertThat(message.via().isValid()).isTrue();
    assertThat(message.contact().isValid()).isTrue();
  }

  //= https://www.rfc-editor.org/rfc/rfc5954#section-4.1
  //= type=test
  //# the
  //# <IPv6address> and <IPv4address> production rules from RFC 3261 MUST
  //# NOT be used and instead, the production rules of the same name in RFC
  //# 3986 (and reproduced above) MUST be used.
  @Test
  @DisplayName("ipv6-bug-abnf-3-colons: the extra colon RFC 5954 ruled out is refused in URI and To")
  void threeColonsAreRefused() {
    SipMessage message = frame(new Message("4.10", "ipv6-bug-abnf-3-colons"));
    List<SyntaxError> errors = message.validate();
    assertThat(errors).extracting(SyntaxError::kind).containsExactly(
        SyntaxError.Kind.INVALID_START_LINE, SyntaxError.Kind.INVALID_HEADER_FIELD);
    assertThat(errors).extracting(SyntaxError::line).containsExactly(1, 2);
    assertThat(errors).allSatisfy(e -> assertThat(e.found()).startsWith(":192.0.2.1]"));
    assertThat(message.to()).isInstanceOf(HeaderValue.Malformed.class);
    assertThat(message.to().failure().orElseThrow().line()).isEqualTo(2);
    // The two-colon form of the same section is accepted (it is in accepted()).
    assertThat(frame(new Message("4.10", "ipv6-correct-abnf-2-colons")).validate()).isEmpty();
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.3
  //= type=test
  //# From a parsing perspective, the request below is well-formed.
  @Test
  @DisplayName("port-ambiguous: [2001:db8::10:5070] is an address with no port")
  void portAmbiguous() {
    SipRequest request = (SipRequest) frame(new Message("4.3", "port-ambiguous"));
    SipUri uri = (SipUri) request.requestUriValue().toOptional().orElseThrow();
    assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV6_REFERENCE);
    assertThat(uri.host().text()).isEqualTo("[2001:db8::10:5070]");
    assertThat(uri.port()).isEmpty();
    SipUri unambiguous = (SipUri) ((SipRequest) frame(new Message("4.4", "port-unambiguous")))
        .requestUriValue().toOptional().orElseThrow();
    assertThat(unambiguous.host().text()).isEqualTo("[2001:db8::10]");
    assertThat(unambiguous.port()).hasValue(5070);
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.5
  //= type=test
  //# A SIP implementation receiving either of these messages must parse them
  //# successfully.
  @Test
  @DisplayName("received= with and without [] both parse, and the top Via gives the address")
  void viaReceivedWithAndWithoutDelimiters() {
    Via with = frame(new Message("4.5", "via-received-param-with-delim")).via().toOptional()
        .orElseThrow().get(0);
    Via without = frame(new Message("4.5", "via-received-param-no-delim")).via().toOptional()
        .orElseThrow().get(0);
    assertThat(with.received()).hasValue("[2001:db8::9:255]");
    assertThat(without.received()).hasValue("2001:db8::9:255");
    assertThat(with.branch()).hasValue("z9hG4bKas3-111");
    assertThat(without.branch()).hasValue("z9hG4bKas3");
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.7
  //= type=test
  //# The Via list contains a mix of IPv4 addresses and IPv6
  //# references.
  @Test
  @DisplayName("mult-ip-in-header: the three Via values keep IPv6 and IPv4 hosts apart")
  void mixedViaHosts() {
    List<Via> vias = frame(new Message("4.7", "mult-ip-in-header")).via().toOptional().orElseThrow();
    assertThat(vias).extracting(v -> v.host().kind()).containsExactly(Host.Kind.IPV6_REFERENCE,
        Host.Kind.IPV4_ADDRESS, Host.Kind.IPV6_REFERENCE);
    assertThat(vias.get(0).port()).hasValue(6050);
    assertThat(vias.get(2).received()).hasValue("192.0.2.200");
  }

  //= https://www.rfc-editor.org/rfc/rfc5118#section-4.9
  //= type=test
  //# A SIP implementation receiving a message that contains
  //# such a mapped address must be prepared to parse it successfully.
  @Test
  @DisplayName("ipv4-mapped-ipv6: [::ffff:192.0.2.10]:19823 in the top Via, mapped address in Contact")
  void ipv4Mapped() {
    SipMessage message = frame(new Message("4.9", "ipv4-mapped-ipv6"));
    Via top = message.via().toOptional().orElseThrow().get(0);
    assertThat(top.host().text()).isEqualTo("[::ffff:192.0.2.10]");
    assertThat(top.port()).hasValue(19823);
    SipUri contact = (SipUri) message.contact().toOptional().orElseThrow().addresses().get(0).uri();
    assertThat(contact.host().text()).isEqualTo("[::ffff:192.0.2.2]");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.1
  //= type=test
  //# The Request-Line ends with CRLF.  No CR or LF are allowed except in
  //# the end-of-line CRLF sequence.
  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  @DisplayName("the RFC's archive (bare LF) is refused by framing at the end of line 1")
  void bareLfArchiveIsRefused(Message message) {
    byte[] archived = message.archived();
    FramingResult result = SipFraming.datagram(archived);
    assertThat(result).isInstanceOf(Failed.class);
    SyntaxError error = ((Failed) result).error();
    assertThat(error.kind()).isEqualTo(SyntaxError.Kind.BARE_CR_OR_LF);
    assertThat(error.line()).isEqualTo(1);
    int firstLf = new String(archived, StandardCharsets.ISO_8859_1).indexOf('\n');
    assertThat(error.column()).isEqualTo(firstLf + 1);
  }
}
