package org.bhiv.server.docs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The routes a service registered, as {@code (method, path)}, recorded while its routing was
 * built, so that a test can hold them against the service's OpenAPI document. {@code ANY} is a
 * route for every method (the services use it to answer 405 on a known path).
 */
public final class RouteTable {

    /** One registered route. */
    public record Route(String method, String path) {
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options",
            "trace", "any");

    private final List<Route> routes = new ArrayList<>();

    /**
     * @param server a server started by {@link org.bhiv.server.Servers}
     * @return the routes its service registered
     */
    public static List<Route> of(WebServer server) {
        return server.context().get(RouteTable.class).map(RouteTable::routes)
                .orElseThrow(() -> new IllegalStateException("not started by Servers: no route table"));
    }

    /** @return the recorded routes, in registration order */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * @param routing the real routing builder
     * @return a builder that passes every call on to {@code routing} and records the routes
     */
    public HttpRouting.Builder recording(HttpRouting.Builder routing) {
        return (HttpRouting.Builder) proxy(HttpRouting.Builder.class, routing, "");
    }

    private Object proxy(Class<?> type, Object delegate, String prefix) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            record(method.getName(), args == null ? new Object[0] : args, prefix);
            if (delegate == null) {
                return method.getReturnType().isInstance(self) ? self : null;
            }
            try {
                Object result = method.invoke(delegate, args);
                return result == delegate ? self : result;
            } catch (InvocationTargetException e) {
                throw e.getCause(); // what the routing threw, as if called directly
            }
        });
    }

    private void record(String name, Object[] args, String prefix) {
        Optional<String> path = args.length > 0 && args[0] instanceof String s ? Optional.of(s) : Optional.empty();
        if (METHODS.contains(name)) {
            routes.add(new Route(name.toUpperCase(java.util.Locale.ROOT), join(prefix, path.orElse("/"))));
        } else if (name.equals("route") && args.length == 3 && args[0] instanceof Method m && args[1] instanceof String p) {
            routes.add(new Route(m.text(), join(prefix, p)));
        } else if (name.equals("register")) {
            String at = join(prefix, path.orElse("/"));
            for (int i = path.isPresent() ? 1 : 0; i < args.length; i++) {
                for (HttpService service : services(args[i])) {
                    service.routing((HttpRules) proxy(HttpRules.class, null, at));
                }
            }
        }
    }

    private static List<HttpService> services(Object arg) {
        List<HttpService> found = new ArrayList<>();
        if (arg instanceof HttpService service) {
            found.add(service);
        } else if (arg instanceof HttpService[] array) {
            found.addAll(List.of(array));
        } else if (arg instanceof Supplier<?> supplier && supplier.get() instanceof HttpService service) {
            found.add(service);
        } else if (arg instanceof List<?> list) {
            list.forEach(item -> found.addAll(services(item)));
        }
        return found;
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
