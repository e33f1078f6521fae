package org.sipstrata.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The byte-exact corpora under {@code src/test/resources/corpus}. */
final class Corpus {

  private Corpus() {}

  /** One RFC 4475 torture message: its section, file name (without .dat) and title. */
  record Torture(String section, String name, String title) {
    byte[] bytes() {
      return resource("/corpus/rfc4475/" + name + ".dat");
    }

    @Override
    public String toString() {
      return section + " " + name;
    }
  }

  static List<Torture> rfc4475() {
    String index = new String(resource("/corpus/rfc4475/INDEX.tsv"), StandardCharsets.UTF_8);
    List<Torture> all = new ArrayList<>();
    for (String line : index.split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length == 3 && !cols[0].equals("section")) {
        all.add(new Torture(cols[0], cols[1], cols[2].strip()));
      }
    }
    return all;
  }

  /**
   * Every message the typed-header tests read (RFC 4475 clean, RFC 3665, the streams) and every
   * RFC 4475 message, framed; the ones that do not frame are left out.
   */
  static List<SipMessage> framedMessages() {
    List<SipMessage> out = new ArrayList<>();
    java.util.stream.Stream.concat(
            CorpusTypedHeadersTest.all().map(CorpusTypedHeadersTest.Sample::bytes),
            rfc4475().stream().map(Torture::bytes))
        .forEach(bytes -> {
          if (SipFraming.datagram(bytes) instanceof FramingResult.Framed f) {
            out.add(f.message());
          }
        });
    return out;
  }

  /** The header rows of {@link #framedMessages()}. */
  static List<HeaderField> framedRows() {
    return framedMessages().stream().flatMap(m -> m.headers().all().stream()).toList();
  }

  static byte[] resource(String path) {
    try (InputStream in = Corpus.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
