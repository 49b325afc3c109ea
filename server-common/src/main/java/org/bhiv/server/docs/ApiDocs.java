package org.bhiv.server.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * What the FastAPI originals offered at {@code /openapi.json} and {@code /docs}: the service's
 * OpenAPI 3.1 document (on its class path, named by {@code openapi.static-file}; kept true by the e2e
 * {@code OpenApiCompletenessTest}) at {@code GET /openapi} (YAML, or JSON with
 * {@code Accept: application/json} or {@code ?format=JSON}; {@code /openapi.json} redirects there),
 * and Swagger UI from its webjar at {@code GET /docs/}, reading that document.
 */
public final class ApiDocs {

    /** Where a service's document is unless {@code openapi.static-file} names another class-path resource. */
    public static final String DOCUMENT = "META-INF/openapi.yaml";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "/openapi?format=JSON",
                dom_id: "#swagger-ui",
                deepLinking: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                layout: "StandaloneLayout"
              });
            };
            """;

    private ApiDocs() {
    }

    /**
     * @param node the {@code openapi} config node; {@code static-file} names the service's own
     *             document (each has its own name, as the e2e tests put every service on one class path)
     * @return the feature that serves {@code /openapi}
     */
    public static OpenApiFeature openApi(Config node) {
        return OpenApiFeature.builder()
                .staticFile(node.get("static-file").asString().orElse(DOCUMENT))
                .servicesDiscoverServices(false)
                .managerDiscoverServices(false)
                .build();
    }

    /**
     * Adds {@code /openapi.json} and Swagger UI under {@code /docs}.
     *
     * @param routing the service's routing
     */
    public static void register(HttpRouting.Builder routing) {
        routing.get("/openapi.json", (req, res) -> res.status(Status.MOVED_PERMANENTLY_301)
                        .header(HeaderNames.LOCATION, "/openapi?format=JSON").send())
                .get("/docs", (req, res) -> res.status(Status.MOVED_PERMANENTLY_301)
                        .header(HeaderNames.LOCATION, "/docs/").send())
                .get("/docs/swagger-initializer.js", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/javascript; charset=UTF-8");
                    res.send(INITIALIZER);
                })
                .register("/docs", StaticContentService.builder(WEBJAR + swaggerUiVersion())
                        .welcomeFileName("index.html")
                        .build());
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
