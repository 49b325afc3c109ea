/**
 * The console: static pages (plain HTML and ES modules, no build step) and a small JSON API over
 * the pillars, called server-side with the operator's token from config. Anonymous users of the
 * local stack may look; redelivering dead events needs an operator session.
 */
package org.bhiv.console;
