package org.sipstrata.grammar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The byte-exact test messages under src/test/resources/corpus. */
final class Corpus {

  private Corpus() {}

  /** One message: its section in the RFC, its file name and its octets. */
  record Message(String section, String name, byte[] octets) {
    @Override
    public String toString() {
      return section + " " + name;
    }
  }

  /** The messages listed in {@code corpus/<folder>/INDEX.tsv} (section, name, title). */
  static List<Message> index(String folder, String suffix) {
    List<Message> messages = new ArrayList<>();
    String index = new String(bytes("corpus/" + folder + "/INDEX.tsv"), StandardCharsets.UTF_8);
    for (String line : index.split("\n")) {
      String[] cols = line.split("\t");
      if (cols.length < 2 || cols[0].equals("section")) {
        continue;
      }
      messages.add(
          new Message(cols[0], cols[1], bytes("corpus/" + folder + "/" + cols[1] + suffix)));
    }
    return messages;
  }

  static byte[] bytes(String resource) {
    try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
