package org.sipstrata.tutorials.ch01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The exercises of chapter 1, graded: your answers are in
 * {@code src/test/resources/org/sipstrata/tutorials/ch01/answers.abnf}.
 */
@DisplayName("Chapter 1 exercises")
class Chapter1ExercisesTest {

  static String answers() throws IOException {
    try (InputStream in = Chapter1ExercisesTest.class.getResourceAsStream("answers.abnf")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("exercise 1: your Max-Forwards accepts what the SIP parser accepts")
  void exercise1() throws IOException {
    String answer = answers();
    assumeTrue(Chapter1Grader.answers(answer, "Max-Forwards"), "exercise 1 has no answer yet");
    assertThat(Chapter1Grader.gradeMaxForwards(answer)).isEmpty();
  }

  @Test
  @DisplayName("exercise 2: your SIP-Version accepts version 2.0, in any case, and nothing else")
  void exercise2() throws IOException {
    String answer = answers();
    assumeTrue(Chapter1Grader.answers(answer, "SIP-Version"), "exercise 2 has no answer yet");
    assertThat(Chapter1Grader.gradeSipVersion(answer)).isEmpty();
  }

  /** The grader itself is tested: it accepts right answers and rejects wrong ones. */
  @Nested
  @DisplayName("the grader")
  class Grader {

    @Test
    @DisplayName("accepts RFC 3261's own Max-Forwards and rejects one without HCOLON")
    void maxForwards() {
      String rfc = "Max-Forwards  =  \"Max-Forwards\" HCOLON 1*DIGIT\n";
      String noHcolon = "Max-Forwards = \"Max-Forwards\" \": \" 1*DIGIT\n";
      assertThat(Chapter1Grader.gradeMaxForwards(rfc)).isEmpty();
      assertThat(Chapter1Grader.gradeMaxForwards(noHcolon))
          .contains(
              "Max-Forwards should accept \"Max-Forwards :  6\" but your answer rejects it",
              "Max-Forwards should accept \"Max-Forwards:\\r\\n 70\" but your answer rejects it");
    }

    @Test
    @DisplayName("rejects the unchanged SIP-Version and a case-sensitive one")
    void sipVersion() {
      String unchanged = "SIP-Version = \"SIP\" \"/\" 1*DIGIT \".\" 1*DIGIT\n";
      assertThat(Chapter1Grader.gradeSipVersion(unchanged))
          .contains("Request-Line should reject \"INVITE sip:bob@biloxi.com SIP/7.0\\r\\n\""
              + " but your answer accepts it");
      assertThat(Chapter1Grader.gradeSipVersion("SIP-Version = %s\"SIP/2.0\"\n"))
          .containsExactly(
              "Request-Line should accept \"INVITE sip:bob@biloxi.com sip/2.0\\r\\n\""
                  + " but your answer rejects it",
              "Request-Line should accept \"INVITE sip:bob@biloxi.com Sip/2.0\\r\\n\""
                  + " but your answer rejects it");
      assertThat(Chapter1Grader.gradeSipVersion("SIP-Version = \"SIP/2.0\"\n")).isEmpty();
    }

    @Test
    @DisplayName("reports ABNF that does not read, and does not grade a missing answer")
    void badAnswers() {
      assertThat(Chapter1Grader.gradeSipVersion("SIP-Version = \"SIP/2.0\n"))
          .singleElement().asString().startsWith("answers.abnf:1:");
      assertThat(Chapter1Grader.answers("; Max-Forwards = \"x\"\n", "Max-Forwards")).isFalse();
      assertThat(Chapter1Grader.answers("max-forwards = \"x\"\n", "Max-Forwards")).isTrue();
    }
  }
}
