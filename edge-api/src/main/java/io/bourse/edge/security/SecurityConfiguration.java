package io.bourse.edge.security;

import io.bourse.edge.BourseProperties;
import io.bourse.edge.api.ProblemHandler;
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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless JWT security. Public: auth, market data, payment webhooks, health and metrics, the API
 * docs, the web UI and the WebSocket handshake (private channels check the token themselves).
 * {@code /api/v1/admin/**} needs ADMIN; everything else a signed-in user. Failures are problem details.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    SecurityFilterChain api(final HttpSecurity http, final TokenService tokens, final BourseProperties properties) throws Exception {
        http.addFilterAfter(new RateLimitFilter(properties.rateLimit().perUserPerSecond(), properties.rateLimit().perIpPerSecond()),
                        org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
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
                        .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(roles()))
                        .authenticationEntryPoint((request, response, e) -> write(response, HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED", "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Your role may not do this")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> write(response, HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED", "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, ex) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "Your role may not do this")));
        return http.build();
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
