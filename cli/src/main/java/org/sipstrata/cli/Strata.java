package org.sipstrata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./strata}: dispatches to one subcommand per layer of the stack. */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = Strata.Version.class,
    description = "SIP Strata: a spec-traceable SIP (RFC 3261) stack, layer by layer.",
    subcommands = {CommandLine.HelpCommand.class, RfcCommand.class, ParseCommand.class, StatelessCommand.class,
        ResponderCommand.class, DemoCommand.class})
public final class Strata {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, without exiting; tests drive it through this. */
  public static CommandLine commandLine() {
    return new CommandLine(new Strata());
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Strata.class.getPackage().getImplementationVersion();
      return new String[] {
        "SIP Strata " + (version == null ? "development" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
