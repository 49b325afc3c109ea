/**
 * The command line behind {@code bin/stack trace} and {@code bin/stack send}: it reads the running
 * stack the way an operator would (the launcher passes the URLs and tokens in the environment)
 * and prints for people, with exit codes scripts can rely on ({@link org.bhiv.cli.ExitCode}).
 */
package org.bhiv.cli;
