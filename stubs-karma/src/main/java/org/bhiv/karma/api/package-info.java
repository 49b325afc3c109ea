/**
 * Karma's HTTP resources: behaviour events, direct modification (not for the executor), and
 * reading a user's karma; request validation and the success envelope.
 */
package org.bhiv.karma.api;
