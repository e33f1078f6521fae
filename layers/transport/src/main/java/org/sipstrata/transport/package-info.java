/**
 * The transport layer: moves SIP messages between the stack and the network.
 *
 * <p>Sections covered here:
 * <ul>
 *   <li>RFC 3261 §18 Transport: §18.1.1 sending requests ({@link org.sipstrata.transport.ViaRules},
 *       {@link org.sipstrata.transport.SocketTransport#sendRequest}), §18.1.2 receiving responses,
 *       §18.2.1 receiving requests, §18.2.2 sending responses
 *       ({@link org.sipstrata.transport.ViaRules#routeResponse}), §18.3 framing, §18.4 errors
 *       ({@link org.sipstrata.transport.TransportError})</li>
 *   <li>RFC 3261 §26.3.1 TLS (JDK TLS, server and client)</li>
 *   <li>RFC 3581 §3, §4 (rport)</li>
 *   <li>RFC 3263 §4, §5 ({@link org.sipstrata.transport.ServerLocator})</li>
 *   <li>Time and threads for every layer: {@link org.sipstrata.transport.Scheduler},
 *       {@link org.sipstrata.transport.EventLoop}, {@link org.sipstrata.transport.VirtualScheduler}</li>
 * </ul>
 *
 * <p>Depends only on {@code org.sipstrata.syntax} (and dnsjava for DNS). Layers above receive
 * messages through {@link org.sipstrata.transport.TransportListener}.
 */
package org.sipstrata.transport;
