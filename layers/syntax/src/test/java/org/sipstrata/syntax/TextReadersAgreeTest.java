package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Some headers are typed from their text once the row matches its rule (Call-ID and the other
 * text headers, Max-Forwards, Content-Length, CSeq): no tree is built. That shortcut is checked
 * here against the reader that walks the grammar's tree, on every row of the corpora and on
 * generated rows, including rows that match the rule but whose value is out of range.
 */
class TextReadersAgreeTest {

  private static List<TypedHeader<?>> textReaders() {
    return TypedHeader.ALL.stream().filter(TypedHeader::readsText).toList();
  }

  private static void assertAgree(TypedHeader<?> header, HeaderField row) {
    Parsed<?> fromTree = header.readFromTree(row);
    Parsed<?> fromText = header.read(row);
    assertThat(fromText).as("%s read from its text, against its tree", row).isEqualTo(fromTree);
  }

  @Test
  @DisplayName("every corpus row of a header typed from its text gives what its tree gives")
  void corpusRows_agree() {
    List<TypedHeader<?>> readers = textReaders();
    assertThat(readers).extracting(TypedHeader::name)
        .contains("Call-ID", "CSeq", "Max-Forwards", "Content-Length");
    int compared = 0;
    for (HeaderField row : Corpus.framedRows()) {
      for (TypedHeader<?> header : readers) {
        if (HeaderName.same(row.name(), header.name())) {
          assertAgree(header, HeaderField.fromWire(row.raw()));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(900);
  }

  @Provide
  Arbitrary<String> cseqValues() {
    Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1)
        .ofMaxLength(12);
    Arbitrary<String> space = Arbitraries.of(" ", "  ", "\t", " \t ", "\r\n ", " \r\n\t");
    Arbitrary<String> method = Arbitraries.oneOf(
        Arbitraries.of("INVITE", "ACK", "BYE", "OPTIONS", "REGISTER", "CANCEL"),
        Arbitraries.strings().withChars("abcXYZ-.!%*_+`'~0").ofMinLength(1).ofMaxLength(8));
    return net.jqwik.api.Combinators.combine(digits, space, method, space)
        .as((d, s, m, tail) -> d + s + m + (tail.startsWith("\r") ? "" : tail));
  }

  @Property(tries = 2000)
  @DisplayName("a generated CSeq row gives from its text what its tree gives, in range or not")
  void cseq_agrees(@ForAll("cseqValues") String value) {
    assertAgree(TypedHeader.CSEQ, HeaderField.fromWire(("CSeq: " + value + "\r\n").getBytes(
        java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<String> digitValues() {
    return Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(25);
  }

  @Property(tries = 1000)
  @DisplayName("generated Max-Forwards and Content-Length rows agree, in range or not")
  void digits_agree(@ForAll("digitValues") String value) {
    assertAgree(TypedHeader.MAX_FORWARDS, HeaderField.fromWire(("Max-Forwards: " + value
        + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertAgree(TypedHeader.CONTENT_LENGTH, HeaderField.fromWire(("l:" + value
        + " \r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }
}
