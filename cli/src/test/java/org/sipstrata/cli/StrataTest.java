package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("The strata command")
class StrataTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Strata.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  @DisplayName("--version names SIP Strata and the running Java")
  void versionNamesTheProductAndJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString())
        .startsWith("SIP Strata ")
        .contains("Java " + Runtime.version().feature());
  }

  @Test
  @DisplayName("--help lists the subcommands")
  void helpListsSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: strata").contains("Commands:").contains("help");
  }

  @Test
  @DisplayName("an unknown subcommand is a usage error with exit status 2")
  void unknownSubcommandIsAUsageError() {
    assertThat(run("no-such-command")).isEqualTo(2);
    assertThat(err.toString()).contains("no-such-command");
  }
}
