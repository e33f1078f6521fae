package org.sipstrata.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sipstrata.abnf.AbnfExtractor;

/**
 * The committed ABNF files are what the project's extractor makes of the RFC texts, and hold every
 * rule of RFC 3261 §25.
 */
@DisplayName("committed ABNF")
class ExtractedAbnfTest {

  private static final Pattern RULE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)\\s+=\\s");

  private static Path abnfDir() {
    return Path.of(System.getProperty("strata.root", "../.."), "grammar/sip/src/main/abnf");
  }

  private static Path spec(String file) {
    return Path.of(System.getProperty("strata.shared", "../../../shared"), "spec", file);
  }

  private static List<String> ruleNames(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      Matcher m = RULE.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  //= https://www.rfc-editor.org/rfc/rfc3261#section-25
  //= type=test
  //# All of the mechanisms specified in this document are described in
  //# both prose and an augmented Backus-Naur Form (BNF)
  @Test
  @DisplayName("rfc3261.abnf has the 282 rules of §25, in the RFC's order")
  void ruleCountAndNames() throws IOException {
    List<String> committed = ruleNames(Files.readAllLines(abnfDir().resolve("rfc3261.abnf")));
    assertThat(committed).hasSize(282).doesNotHaveDuplicates();
    assertThat(committed)
        .startsWith("alphanum", "reserved", "unreserved", "mark", "escaped")
        .contains("SIP-message", "Request-Line", "Via", "via-parm", "userinfo")
        .doesNotContain("telephone-subscriber")
        .endsWith("extension-header", "header-name", "header-value", "message-body");

    Path rfc = spec("rfc3261.txt");
    assumeTrue(Files.exists(rfc), "RFC text not found at " + rfc + ": cross-check skipped");
    // An independent, naive scan of §25: every line of the form "name = ...".
    List<String> lines = Files.readAllLines(rfc);
    int from = lines.indexOf("25  Augmented BNF for the SIP Protocol");
    int to = from;
    while (!lines.get(to).startsWith("26 Security")) {
      to++;
    }
    assertThat(committed).isEqualTo(ruleNames(lines.subList(from, to)));
  }

  @Test
  @DisplayName("rfc3261.abnf and rfc5234-core.abnf equal a fresh extraction from the RFC texts")
  void committedFilesEqualAFreshExtraction() throws Exception {
    Path rfc3261 = spec("rfc3261.txt");
    Path rfc5234 = spec("rfc5234.txt");
    assumeTrue(
        Files.exists(rfc3261) && Files.exists(rfc5234),
        "RFC texts not found under " + rfc3261.getParent() + ": extraction check skipped");
    assertThat(AbnfExtractor.extract(rfc3261, "25").abnf())
        .isEqualTo(Files.readString(abnfDir().resolve("rfc3261.abnf")));
    AbnfExtractor.Extraction core = AbnfExtractor.extract(rfc5234, "B.1");
    assertThat(core.abnf()).isEqualTo(Files.readString(abnfDir().resolve("rfc5234-core.abnf")));
    assertThat(core.ruleCount()).isEqualTo(16);
  }
}
