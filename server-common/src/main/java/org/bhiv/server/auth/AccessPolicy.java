package org.bhiv.server.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who may do one kind of operation: a set of identities, and whether a caller that presents no
 * credentials at all is let in as {@link Caller#ANONYMOUS}. A caller that presents a token the
 * service does not know is always refused with 401, even when anonymous access is allowed:
 * a wrong token is a mistake to report, not a request to treat as anonymous.
 *
 * @param allowed   identities that may do the operation
 * @param anonymous whether a caller without an {@code Authorization} header may do it
 */
public record AccessPolicy(Set<String> allowed, boolean anonymous) {

    public AccessPolicy {
        allowed = Set.copyOf(allowed);
    }

    /**
     * @param identities identities that may do the operation
     * @return a policy without anonymous access
     */
    public static AccessPolicy of(String... identities) {
        return new AccessPolicy(Set.of(identities), false);
    }

    /**
     * Checks the request's caller.
     *
     * @param req a request that passed {@link BearerTokenFilter}
     * @return the identity the operation is done as ({@link Caller#ANONYMOUS} when let in without one)
     * @throws org.bhiv.server.ProblemException 401 or 403
     */
    public String check(ServerRequest req) {
        Caller caller = Caller.of(req);
        if (anonymous && !caller.open() && caller.identity().isEmpty()
                && !req.headers().contains(HeaderNames.AUTHORIZATION)) {
            return Caller.ANONYMOUS;
        }
        return caller.require(allowed);
    }

    /**
     * Reads a set of identities from config: either a list node or one comma-separated string
     * (the form an environment variable can override, e.g. {@code BUCKET_GOVERNANCE_WRITERS}).
     *
     * @param node     the config node
     * @param defaults used when the node is absent
     * @return the identities, never empty unless configured so
     */
    public static Set<String> identities(Config node, Set<String> defaults) {
        if (!node.exists()) {
            return Set.copyOf(defaults);
        }
        // A leaf is one comma-separated string; a list (YAML) or indexed keys (NAME_0, NAME_1) are children.
        List<String> values = node.isLeaf()
                ? Arrays.asList(node.asString().orElse("").split(","))
                : node.asNodeList().orElse(List.of()).stream().map(n -> n.asString().orElse("")).toList();
        var identities = new LinkedHashSet<String>();
        values.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(identities::add);
        return Set.copyOf(identities);
    }
}
