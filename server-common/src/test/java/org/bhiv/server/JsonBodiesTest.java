package org.bhiv.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class JsonBodiesTest {

    private final WebClient client;

    JsonBodiesTest(WebClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ProblemHandlers.register(routing);
        routing.post("/echo", (req, res) -> Responses.json(res, 200, JsonBodies.readObject(req, 64)))
                .get("/boom", (req, res) -> {
                    throw new IllegalStateException("secret internals");
                });
    }

    @Test
    void jsonObjectIsEchoed() {
        try (HttpClientResponse res = post("application/json", "{\"a\":1}")) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.as(String.class)).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void nonJsonContentTypeIs415() {
        assertProblem(post("text/plain", "{}"), 415, "unsupported_media_type");
    }

    @Test
    void aDeclaredCharsetOtherThanUtf8Is415AndUtf8IsAccepted() {
        for (String type : new String[] {"application/json; charset=ISO-8859-1", "application/json;charset=\"utf-16\"",
                "application/json; charset=latin1"}) {
            assertProblem(post(type, "{}"), 415, "unsupported_media_type");
        }
        for (String type : new String[] {"application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
                "application/json; Charset=utf8"}) {
            try (HttpClientResponse res = post(type, "{\"a\":1}")) {
                assertThat(res.status().code()).as(type).isEqualTo(200);
            }
        }
    }

    @Test
    void bodyOverTheLimitIs413() {
        assertProblem(post("application/json", "{\"a\":\"" + "x".repeat(100) + "\"}"), 413, "payload_too_large");
    }

    @Test
    void arrayTruncatedAndInvalidUtf8BodiesAre400() {
        assertProblem(post("application/json", "[1]"), 400, "malformed_json");
        assertProblem(post("application/json", "{\"a\":"), 400, "malformed_json");
        try (HttpClientResponse res = client.post("/echo").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})) {
            assertProblem(res, 400, "malformed_json");
        }
    }

    @Test
    void loneSurrogateEscapeIs400NamingTheFieldPath() {
        ProblemException refused = refusal("{\"event_data\":{\"ok\":\"\\ud83d\\ude00\",\"s\":\"x\\ud800\"},"
                + "\"list\":[\"a\",\"\\udc00\"]}");
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().errorCode()).isEqualTo("malformed_json");
        assertThat(refused.problem().errors()).extracting(FieldError::field).containsExactly("event_data.s", "list[1]");
    }

    @Test
    void loneSurrogateInAMemberNameIs400() {
        // Jackson's byte parser already refuses such a name; the walk would name it escaped otherwise.
        ProblemException refused = refusal("{\"a\":{\"b\\udbff\":1}}");
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().errorCode()).isEqualTo("malformed_json");
    }

    @Test
    void duplicateMemberIs400NamingItsPath() {
        ProblemException top = refusal("{\"a\":1,\"a\":2}");
        assertThat(top.problem().errorCode()).isEqualTo("malformed_json");
        assertThat(top.problem().errors()).extracting(FieldError::field).containsExactly("a");

        ProblemException nested = refusal("{\"data\":{\"items\":[{\"x\":1,\"x\":2}]}}");
        assertThat(nested.problem().errors()).extracting(FieldError::field).containsExactly("data.items[0].x");
    }

    @Test
    void pairedSurrogatesAreAccepted() {
        assertThat(parseStatus("{\"smile\":\"\\ud83d\\ude00 \ud83d\ude00\"}")).isEqualTo(200);
    }

    @Test
    void loneSurrogateOverHttpIsAProblemNamingTheField() {
        try (HttpClientResponse res = post("application/json", "{\"s\":\"\\ud800\"}")) {
            assertThat(res.status().code()).isEqualTo(400);
            String body = res.as(String.class);
            assertThat(body).contains("\"error_code\":\"malformed_json\"").contains("\"field\":\"s\"");
        }
    }

    @Test
    void deepNestingIs400NotA500() {
        int depth = Json.MAX_NESTING_DEPTH + 1;
        String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        assertThat(parseStatus(deep)).isEqualTo(400);
        String allowed = "{\"a\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1);
        assertThat(parseStatus(allowed)).isEqualTo(200);
    }

    @Test
    void unexpectedFailureIsA500ProblemWithoutTheExceptionMessage() {
        try (HttpClientResponse res = client.get("/boom").request()) {
            assertProblem(res, 500, "internal_error");
        }
    }

    @Test
    void unknownRouteIsA404Problem() {
        try (HttpClientResponse res = client.get("/nowhere").request()) {
            assertProblem(res, 404, "not_found");
        }
    }

    private static ProblemException refusal(String body) {
        try {
            JsonBodies.parseObject(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    private static int parseStatus(String body) {
        try {
            JsonBodies.parseObject(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return 200;
        } catch (ProblemException e) {
            return e.problem().status();
        }
    }

    private HttpClientResponse post(String contentType, String body) {
        return client.post("/echo").header(HeaderNames.CONTENT_TYPE, contentType).submit(body);
    }

    private static void assertProblem(HttpClientResponse res, int status, String code) {
        try (res) {
            assertThat(res.status().code()).isEqualTo(status);
            assertThat(res.headers().contentType().map(Object::toString).orElse("")).startsWith(Problem.MEDIA_TYPE);
            String body = res.as(String.class);
            assertThat(body).contains("\"detail\":\"" + code + "\"").contains("\"error_code\":\"" + code + "\"")
                    .doesNotContain("secret internals");
        }
    }
}
