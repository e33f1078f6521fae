/** The {@code strata} command line. */
module org.sipstrata.cli {
  requires info.picocli;
  requires org.sipstrata.spec;
  requires org.sipstrata.grammar;
  requires org.sipstrata.tu;
  requires org.sipstrata.transport;
  requires org.sipstrata.transaction;
  opens org.sipstrata.cli to info.picocli;
}
