/**
 * Test helpers shared by every service's tests through server-common's test-jar: a real service
 * with tokens ({@link org.bhiv.server.testing.ServiceFixture}), a raw HTTP connection
 * ({@link org.bhiv.server.testing.RawHttp}) and a capture of every log line
 * ({@link org.bhiv.server.testing.LogCapture}).
 */
package org.bhiv.server.testing;
