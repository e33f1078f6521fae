package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header rows: names, compact forms, folding, splitting and combining (RFC 3261 §7.3). */
class HeaderFieldsTest {

  private static SipMessage frame(String text) {
    FramingResult result = SipFraming.datagram(text.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(FramingResult.Framed.class);
    return ((FramingResult.Framed) result).message();
  }

  private static HeaderFields rows(String headerLines) {
    return frame("OPTIONS sip:a@example.com SIP/2.0\r\n" + headerLines + "\r\n").headers();
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.3
  //= type=test
  //# Implementations MUST accept both the long and short forms
  //# of each header name.
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "i, Call-ID", "m, Contact", "e, Content-Encoding", "l, Content-Length", "c, Content-Type",
    "f, From", "s, Subject", "k, Supported", "t, To", "v, Via", "r, Refer-To", "u, Allow-Events",
    "o, Event"
  })
  @DisplayName("a compact name finds the same rows as its long name, in any case")
  void compactForms(String compact, String longName) {
    HeaderFields headers = rows(compact.toUpperCase() + ": 0\r\n");
    assertThat(headers.first(longName)).isPresent();
    assertThat(headers.first(longName.toLowerCase())).isPresent();
    assertThat(headers.first(compact)).isPresent();
    assertThat(HeaderName.canonical(compact)).isEqualTo(longName);
    assertThat(HeaderName.compact(longName.toUpperCase())).isEqualTo(compact);
  }

  @Test
  @DisplayName("an unknown header keeps its own spelling and is still case-insensitive")
  void extensionHeader() {
    HeaderFields headers = rows("X-Thing: 1\r\n");
    assertThat(headers.value("x-THING")).contains("1");
    assertThat(HeaderName.canonical("x-thing")).isEqualTo("x-thing");
    assertThat(HeaderName.canonical("CONTENT-length")).isEqualTo("Content-Length");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# Thus, the above are all valid and equivalent, but the last is the
  //# preferred form.
  @Test
  @DisplayName("the four Subject spellings of §7.3.1 have the same value and are equal rows")
  void whitespaceAroundTheColon() {
    HeaderFields headers =
        rows("Subject:            lunch\r\nSubject      :      lunch\r\n"
            + "Subject            :lunch\r\nSubject: lunch\r\n");
    assertThat(headers.all("subject")).extracting(HeaderField::value).containsOnly("lunch");
    assertThat(headers.all("s")).containsOnly(HeaderField.of("Subject", "lunch"));
    assertThat(headers.all().get(1).toString()).isEqualTo("Subject      :      lunch");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# The line
  //# break and the whitespace at the beginning of the next line are
  //# treated as a single SP character.
  @Test
  @DisplayName("a folded Subject reads as the one-line Subject of §7.3.1")
  void foldingIsUnfolded() {
    HeaderFields headers =
        rows("Subject: I know you're there,\r\n         pick up the phone\r\n"
            + "         and talk to me!\r\n");
    assertThat(headers.value("Subject"))
        .contains("I know you're there, pick up the phone and talk to me!");
    assertThat(new String(headers.all().get(0).raw(), StandardCharsets.UTF_8))
        .isEqualTo("Subject: I know you're there,\r\n         pick up the phone\r\n"
            + "         and talk to me!\r\n");
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# The following groups of header field rows are valid and equivalent:
  @Test
  @DisplayName("the three equivalent Route groups of §7.3.1 give the same Route values")
  void equivalentRouteGroups() {
    List<String> expected =
        List.of("<sip:alice@atlanta.com>", "<sip:bob@biloxi.com>", "<sip:carol@chicago.com>");
    assertThat(rows("Route: <sip:alice@atlanta.com>\r\nSubject: Lunch\r\n"
            + "Route: <sip:bob@biloxi.com>\r\nRoute: <sip:carol@chicago.com>\r\n")
        .values("Route")).isEqualTo(expected);
    assertThat(rows("Route: <sip:alice@atlanta.com>, <sip:bob@biloxi.com>\r\n"
            + "Route: <sip:carol@chicago.com>\r\nSubject: Lunch\r\n")
        .values("Route")).isEqualTo(expected);
    assertThat(rows("Subject: Lunch\r\nRoute: <sip:alice@atlanta.com>, <sip:bob@biloxi.com>,\r\n"
            + "       <sip:carol@chicago.com>\r\n")
        .values("Route")).isEqualTo(expected);
    // Not equivalent: the order of the values differs.
    assertThat(rows("Route: <sip:alice@atlanta.com>,<sip:carol@chicago.com>,\r\n"
            + "       <sip:bob@biloxi.com>\r\n")
        .values("Route")).isNotEqualTo(expected);
  }

  @Test
  @DisplayName("splitting respects quoted strings, escaped quotes and <...>")
  void splittingRespectsQuotesAndAngles() {
    HeaderFields headers =
        rows("Contact: \"Doe, \\\"J\\\", Jr\" <sip:j@example.com;x=a,b>;q=0.5, sip:k@example.com\r\n");
    assertThat(headers.values("m"))
        .containsExactly("\"Doe, \\\"J\\\", Jr\" <sip:j@example.com;x=a,b>;q=0.5", "sip:k@example.com");
  }

  @Test
  @DisplayName("headers whose grammar is not a comma list are never split: Date, Subject, the auth headers")
  void nonListHeadersAreNotSplit() {
    HeaderFields headers =
        rows("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nSubject: a, b\r\n"
            + "WWW-Authenticate: Digest realm=\"a\", nonce=\"b\"\r\n"
            + "Authorization: Digest username=\"u\", realm=\"a\"\r\n");
    assertThat(headers.values("Date")).containsExactly("Sat, 13 Nov 2010 23:29:00 GMT");
    assertThat(headers.values("Subject")).containsExactly("a, b");
    assertThat(headers.values("WWW-Authenticate")).hasSize(1);
    assertThat(headers.values("Authorization")).hasSize(1);
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# It MUST be possible to combine the multiple
  //# header field rows into one "field-name: field-value" pair, without
  //# changing the semantics of the message, by appending each subsequent
  //# field-value to the first, each separated by a comma.
  @Test
  @DisplayName("Via rows combine into one row at the place of the first, and separate back")
  void combineAndSeparate() {
    HeaderFields headers =
        rows("Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\nTo: <sip:b@example.com>\r\n"
            + "v: SIP/2.0/UDP b;branch=z9hG4bK2, SIP/2.0/UDP c;branch=z9hG4bK3\r\n");
    HeaderFields combined = headers.combined("via");
    assertThat(combined.all()).hasSize(2);
    assertThat(combined.all().get(0).toString())
        .isEqualTo("Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2, "
            + "SIP/2.0/UDP c;branch=z9hG4bK3");
    assertThat(combined.values("Via")).isEqualTo(headers.values("Via"));
    HeaderFields separated = combined.separated("Via");
    assertThat(separated.all()).hasSize(4);
    assertThat(separated.values("Via")).isEqualTo(headers.values("Via"));
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
  //= type=test
  //# Multiple header
  //# field rows with these names MAY be present in a message, but since
  //# their grammar does not follow the general form listed in Section 7.3,
  //# they MUST NOT be combined into a single header field row.
  @Test
  @DisplayName("WWW-Authenticate, Authorization, Proxy-Authenticate, Proxy-Authorization are never combined")
  void authHeadersAreNeverCombined() {
    HeaderFields headers =
        rows("Proxy-Authorization: Digest a=1\r\nProxy-Authorization: Digest b=2\r\n");
    for (String name :
        List.of("WWW-Authenticate", "Authorization", "Proxy-Authenticate", "Proxy-Authorization")) {
      assertThatThrownBy(() -> headers.combined(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("§7.3.1");
    }
    assertThatThrownBy(() -> headers.combined("Call-ID")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an empty value has no values; empty list elements are kept for the grammar to judge")
  void emptyValues() {
    HeaderFields headers = rows("Allow:\r\nVia: SIP/2.0/UDP 192.0.2.15;;,;,,\r\n");
    assertThat(headers.values("Allow")).isEmpty();
    assertThat(headers.values("Via")).containsExactly("SIP/2.0/UDP 192.0.2.15;;", ";", "", "");
  }

  @Test
  @DisplayName("rows built in code check their name and value")
  void builtRows() {
    assertThat(HeaderField.of("Max-Forwards", " 70 ").toString()).isEqualTo("Max-Forwards: 70");
    assertThatThrownBy(() -> HeaderField.of("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderField.of("X", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("without, with and replacing keep the other rows in order")
  void editing() {
    HeaderFields headers = rows("A: 1\r\nB: 2\r\nA: 3\r\n");
    assertThat(headers.without("a").all()).containsExactly(HeaderField.of("B", "2"));
    assertThat(headers.replacing("A", HeaderField.of("A", "9")).all())
        .containsExactly(HeaderField.of("A", "9"), HeaderField.of("B", "2"));
    assertThat(headers.with(HeaderField.of("C", "4")).size()).isEqualTo(4);
  }
}
