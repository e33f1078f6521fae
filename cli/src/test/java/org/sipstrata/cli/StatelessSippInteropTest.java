package org.sipstrata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with a real peer: SIPp (Debian package {@code sip-tester}) sends 1,000 OPTIONS to {@code
 * strata stateless} and expects 1,000 200 responses. Runs only where {@code sipp} is on the PATH.
 */
@DisplayName("strata stateless against SIPp")
@EnabledIf("org.sipstrata.cli.Sipp#installed")
class StatelessSippInteropTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"udp", "tcp"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void thousandOptions(String transport) throws Exception {
    int requests = 1000;
    Sipp.Server server =
        Sipp.start(transport, "stateless", "--max-requests", Integer.toString(requests));

    Sipp.Result sipp =
        Sipp.run(dir, Sipp.OPTIONS_SCENARIO, transport, server.port(), requests, 200, List.of());

    // SIPp exits 0 when every call succeeded, 1 when at least one failed.
    assertThat(sipp.exit()).as(sipp.output()).isZero();
    assertThat(sipp.get("SuccessfulCall(C)")).isEqualTo(requests);
    assertThat(sipp.get("FailedCall(C)")).isZero();
    assertThat(server.exit().get(30, TimeUnit.SECONDS)).isZero();
  }
}
