package org.sipstrata.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipstrata.grammar.EntryRule;

/**
 * Every header of every well-formed corpus message read as its typed value: the RFC 4475 messages
 * that frame and validate clean (the 13 valid ones of §3.1.1 and the 17 of §3.2–3.4), the 193
 * messages of the RFC 3665 call flows and the 253 messages of the two stream files.
 */
class CorpusTypedHeadersTest {

  record Sample(String name, byte[] bytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Sample> rfc4475Clean() {
    List<Sample> out = new ArrayList<>();
    for (Corpus.Torture t : Corpus.rfc4475()) {
      if (SipFraming.datagram(t.bytes()) instanceof FramingResult.Framed f
          && f.message().validate().isEmpty()) {
        out.add(new Sample(t.toString(), t.bytes()));
      }
    }
    return out;
  }

  /** The flow files under {@code corpus/rfc3665}, in name order. */
  static List<String> flowFiles() {
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
        CorpusTypedHeadersTest.class.getResource("/corpus/rfc3665").toURI()))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
          .toList();
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The messages of one flow file: a YAML list of literal block scalars ({@code - |+}), each line
   * indented by two spaces. The messages have LF line ends; SIP needs CRLF (§7).
   */
  static List<Sample> rfc3665() {
    List<Sample> out = new ArrayList<>();
    for (String file : flowFiles()) {
      String yaml = new String(Corpus.resource("/corpus/rfc3665/" + file),
          StandardCharsets.UTF_8);
      StringBuilder current = null;
      int index = 0;
      for (String line : (yaml + "\n- |+\n").split("\n", -1)) {
        if (line.startsWith("- |")) {
          if (current != null) {
            index++;
            // A bodiless message followed directly by the next "- |+" has no empty line in its
            // block (YAML keeps only the line breaks present); add the one §7 requires.
            String text = current.toString();
            if (!text.contains("\n\n")) {
              text += "\n";
            }
            out.add(new Sample(file.replace(".yaml", "") + " #" + index,
                text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
          }
          current = new StringBuilder();
        } else if (current != null && !line.startsWith("#")) {
          current.append(line.startsWith("  ") ? line.substring(2) : line.strip()).append('\n');
        }
      }
    }
    // The sentinel adds one empty block at the end of each file; drop the empty ones.
    out.removeIf(s -> new String(s.bytes(), StandardCharsets.UTF_8).isBlank());
    return out;
  }

  /** The messages of a stream file (framed with the lenient Content-Length policy). */
  static List<SipMessage> streamMessages(String file) {
    StreamDecoder decoder = new StreamDecoder(SyntaxLimits.defaults(),
        StreamDecoder.MissingContentLength.ASSUME_ZERO);
    decoder.feed(Corpus.resource("/corpus/streams/" + file));
    List<SipMessage> out = new ArrayList<>();
    while (decoder.next() instanceof FramingResult.Framed f) {
      out.add(f.message());
    }
    return out;
  }

  static Stream<Sample> all() {
    return Stream.concat(rfc4475Clean().stream(), rfc3665().stream());
  }

  @Test
  @DisplayName("the corpora hold 30 clean RFC 4475 messages and 193 RFC 3665 messages")
  void corpusSizes() {
    assertThat(rfc4475Clean()).hasSize(30);
    assertThat(rfc3665()).hasSize(193);
  }

  @Test
  @DisplayName("there is a typed header for each of the 44 header fields of RFC 3261 §20")
  void all44() {
    Set<String> typed = TypedHeader.ALL.stream().map(h -> h.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    Set<String> known = Stream.of(EntryRule.values()).filter(EntryRule::isKnownHeader)
        .map(r -> r.headerNames().get(0).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    assertThat(known).hasSize(44);
    assertThat(typed).isEqualTo(known);
  }

  @Test
  @DisplayName("the message streams: all 253 messages validate clean and every header is typed")
  void streams() {
    int clean = 0;
    int rows = 0;
    for (String file : List.of("lioneagle-sipparser.txt", "generic.txt")) {
      for (SipMessage message : streamMessages(file)) {
        if (!message.validate().isEmpty()) {
          continue;
        }
        clean++;
        for (TypedHeader<?> header : TypedHeader.ALL) {
          if (message.headers().contains(header.name())) {
            assertThat(message.get(header)).as(file + " " + header.name() + " in\n" + message)
                .isInstanceOf(HeaderValue.Valid.class);
            rows += message.headers().all(header.name()).size();
          }
        }
      }
    }
    assertThat(clean).isEqualTo(STREAM_CLEAN_MESSAGES);
    assertThat(rows).isGreaterThan(clean * 5);
  }

  /** All 26 + 227 stream messages validate clean. */
  private static final int STREAM_CLEAN_MESSAGES = 26 + 227;

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  @DisplayName("every header of RFC 3261 in the message has a valid typed value")
  void everyHeaderIsTyped(Sample sample) {
    FramingResult result = SipFraming.datagram(sample.bytes());
    assertThat(result).as(sample.name()).isInstanceOf(FramingResult.Framed.class);
    SipMessage message = ((FramingResult.Framed) result).message();
    assertThat(message.validate()).as("validate()").isEmpty();
    int typedRows = 0;
    for (TypedHeader<?> header : TypedHeader.ALL) {
      HeaderValue<?> value = message.get(header);
      if (message.headers().contains(header.name())) {
        assertThat(value).as(header.name()).isInstanceOf(HeaderValue.Valid.class);
        typedRows += message.headers().all(header.name()).size();
      } else {
        assertThat(value).as(header.name()).isInstanceOf(HeaderValue.Absent.class);
      }
    }
    long knownRows = message.headers().all().stream()
        .filter(row -> EntryRule.forHeaderName(row.name()).isPresent()).count();
    assertThat(typedRows).isEqualTo(knownRows);
    // The typed values agree with the first half's accessors of the transaction keys.
    assertThat(message.get(TypedHeader.CSEQ).toOptional()).isEqualTo(message.cseq());
    assertThat(message.get(TypedHeader.CALL_ID).toOptional()).isEqualTo(message.callId());
    assertThat(message.from().toOptional().flatMap(NameAddress::tag)).isEqualTo(message.fromTag());
    assertThat(message.to().toOptional().flatMap(NameAddress::tag)).isEqualTo(message.toTag());
    assertThat(message.via().toOptional().flatMap(v -> v.get(0).branch()))
        .isEqualTo(message.topViaBranch());
  }
}
