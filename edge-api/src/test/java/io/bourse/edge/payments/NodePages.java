package io.bourse.edge.payments;

import io.bourse.edge.TestNodes;
import io.bourse.embedded.EmbeddedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/** A node of the payment page tests on the JVM's shared broker, and the browser's side of those pages. */
final class NodePages {

    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodePages() {
    }

    /** Starts a node on {@code port} with its state under {@code dataDir} and {@code extra} arguments; returns once it runs. */
    static ConfigurableApplicationContext start(final EmbeddedInfrastructure infra, final Path dataDir, final int port,
            final String... extra) {
        return TestNodes.start(infra, dataDir, port, Stream.concat(
                Stream.of("--bourse.security.jwt-secret=payment-pages-test-secret-of-32-bytes!"), Stream.of(extra))
                .toArray(String[]::new));
    }

    /** What a browser gets when a form of the exchange's own page posts {@code access_token} to {@code path} (RFC 6750, section 2.2). */
    static HttpResponse<String> postForm(final int port, final String path, final String accessToken) throws Exception {
        return postForm(port, path, accessToken, "same-origin");
    }

    /** The same from a page whose relation to the exchange the browser gives as {@code site} ({@code Sec-Fetch-Site}). */
    static HttpResponse<String> postForm(final int port, final String path, final String accessToken, final String site)
            throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("Sec-Fetch-Site", site)
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The single value of response header {@code name}. */
    static String header(final java.util.Map<String, List<String>> headers, final String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream())
                .reduce((a, b) -> { throw new AssertionError("two " + name + " headers: " + a + " and " + b); }).orElse(null);
    }
}
