package io.bourse.edge.security;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.PaymentCheckoutController;
import io.bourse.edge.api.ProblemHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless JWT security. Public: auth, market data, payment webhooks, health and metrics, the API
 * docs, the web UI and the WebSocket handshake (private channels check the token themselves).
 * {@code /api/v1/admin/**} needs ADMIN; everything else a signed-in user. Failures are problem details.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What pages of this origin may load: the web UI's own modules, styles and WebJars, its API calls
     * and WebSocket ({@code 'self'} covers the same host's {@code ws:}/{@code wss:}), the inline SVG
     * favicon; no inline script, no plugins, no framing. Swagger UI lays out with inline styles, so
     * only its pages may use them.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String SWAGGER_UI_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.pathPattern("/swagger-ui/**");
    /**
     * The deposit checkout page only: Razorpay Checkout's script from {@code checkout.razorpay.com}, its
     * frames and its calls to {@code api.razorpay.com}; nothing else is widened.
     */
    static final String CHECKOUT_POLICY = CONTENT_SECURITY_POLICY
            .replace("script-src 'self'", "script-src 'self' " + RazorpayOrigins.CHECKOUT)
            .replace("connect-src 'self'", "connect-src 'self' " + RazorpayOrigins.API + " " + RazorpayOrigins.CHECKOUT)
            .replace("font-src 'self'", "frame-src " + RazorpayOrigins.API + " " + RazorpayOrigins.CHECKOUT + "; font-src 'self'");
    private static final RequestMatcher CHECKOUT = PathPatternRequestMatcher.pathPattern(PaymentCheckoutController.PATH + "/**");

    /** Razorpay's origins the checkout page may use. */
    private static final class RazorpayOrigins {
        static final String CHECKOUT = "https://checkout.razorpay.com";
        static final String API = "https://api.razorpay.com";
    }
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    @Bean
    SecurityFilterChain api(final HttpSecurity http, final TokenService tokens, final BourseProperties properties) throws Exception {
        final RateLimitFilter rateLimit = new RateLimitFilter(properties.rateLimit().perUserPerSecond(),
                properties.rateLimit().perIpPerSecond());
        http.addFilterAfter(rateLimit,
                        org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                                new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(CHECKOUT,
                                new StaticHeadersWriter("Content-Security-Policy", CHECKOUT_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(SWAGGER_UI, CHECKOUT)),
                                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // An order's answer is written by a second (async) dispatch of a request authorized already.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/v1/auth/**", "/api/v1/market/**", "/api/v1/payments/webhook/**").permitAll()
                        // The sandbox provider's own checkout page, opened by the customer's browser without the API's token.
                        .requestMatchers("/api/v1/payments/sandbox/checkout/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/ws", "/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(bearerTokens())
                        .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(roles()))
                        .authenticationEntryPoint((request, response, e) -> {
                            if (!rateLimit.refuseInvalidTokenOverLimit(request, response)) {
                                write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required");
                            }
                        })
                        .accessDeniedHandler((request, response, e) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Your role may not do this")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> write(response, HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED", "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, ex) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Your role may not do this")));
        return http.build();
    }

    /**
     * The bearer token from the {@code Authorization} header; on the checkout page also from a form-encoded POST's
     * {@code access_token} field (RFC 6750, section 2.2), since a browser opening a page cannot send the header, but
     * only from a form of the exchange's own pages: another site's page could otherwise post its owner's token and
     * show a victim a genuine checkout page that pays into the other site owner's account.
     */
    private static BearerTokenResolver bearerTokens() {
        final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        final DefaultBearerTokenResolver headerOrForm = new DefaultBearerTokenResolver();
        headerOrForm.setAllowFormEncodedBodyParameter(true);
        return request -> CHECKOUT.matches(request) && header.resolve(request) == null && sameOrigin(request)
                ? headerOrForm.resolve(request) : header.resolve(request);
    }

    /**
     * Whether the browser says the request comes from a page of this origin: {@code Sec-Fetch-Site}, which every
     * current browser sends and no page can set, or else an {@code Origin} naming this host.
     */
    static boolean sameOrigin(final HttpServletRequest request) {
        final String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return "same-origin".equals(site);
        }
        final String origin = request.getHeader("Origin");
        return origin != null && origin.equals(request.getScheme() + "://" + request.getHeader("Host"));
    }

    /**
     * No observations of Spring Security's own: it would time each of its filters, its authentication
     * and its authorization, a tenth of a REST order's CPU, and a property that only silences them still
     * leaves every filter wrapped. Requests stay timed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static JwtAuthenticationConverter roles() {
        final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            final List<String> roles = jwt.getClaimAsStringList(TokenService.ROLES);
            final Collection<GrantedAuthority> authorities = roles == null ? List.of()
                    : roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
            return authorities;
        });
        return converter;
    }

    /**
     * A request Spring Security's firewall refuses before any controller sees it (an encoded slash,
     * percent or null byte in the path, a path that climbs out with {@code ..}): a problem, like every
     * other refusal, not the servlet container's HTML page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> write(response, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request's path or headers contain characters this API does not accept");
    }

    private static void write(final jakarta.servlet.http.HttpServletResponse response, final HttpStatus status,
            final String code, final String detail) throws java.io.IOException {
        final ProblemDetail problem = ProblemHandler.problem(status, code, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        final java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.putAll(problem.getProperties() == null ? java.util.Map.of() : problem.getProperties());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
