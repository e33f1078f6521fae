package org.sipstrata.transaction;

/** Why a transaction tells its TU that something went wrong. */
public enum Failure {
  /** Timer B or F fired: no final response in time (§17.1.1.2, §17.1.2.2). */
  TIMEOUT,
  /** The transport could not send (§17.1.4, §17.2.4). */
  TRANSPORT_ERROR,
  /** Timer H fired: the ACK for a non-2xx final response never came (§17.2.1). */
  NO_ACK
}
