package io.bourse.edge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitFilterTest {

    @Test
    void shouldAnswer429WithRetryAfterOnceTheBurstIsSpentAndKeepOtherClientsServed() throws Exception {
        final RateLimitFilter filter = new RateLimitFilter(5, 2);
        int served = 0;
        MockHttpServletResponse last = null;
        for (int i = 0; i < 10; i++) {
            last = call(filter, "10.0.0.1");
            if (last.getStatus() == 200) {
                served++;
            }
        }
        assertThat(served).isEqualTo(4);
        assertThat(last.getStatus()).isEqualTo(429);
        assertThat(last.getHeader("Retry-After")).isEqualTo("1");
        assertThat(last.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(call(filter, "10.0.0.2").getStatus()).isEqualTo(200);
    }

    @Test
    void shouldNotLimitWebhooksOrHealth() throws Exception {
        final RateLimitFilter filter = new RateLimitFilter(1, 1);
        for (int i = 0; i < 20; i++) {
            final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/payments/webhook/razorpay");
            final MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void shouldCountRequestsRefusedForTheirTokenAgainstTheirIp() throws Exception {
        final RateLimitFilter filter = new RateLimitFilter(100, 2);
        int refusedAsUnauthenticated = 0;
        MockHttpServletResponse last = null;
        for (int i = 0; i < 6; i++) {
            final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/portfolio/balances");
            request.setRemoteAddr("10.0.0.9");
            last = new MockHttpServletResponse();
            if (!filter.refuseInvalidTokenOverLimit(request, last)) {
                refusedAsUnauthenticated++;
            }
        }
        assertThat(refusedAsUnauthenticated).as("the IP's burst").isEqualTo(4);
        assertThat(last.getStatus()).isEqualTo(429);
        assertThat(last.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(call(filter, "10.0.0.9").getStatus()).as("the same IP's anonymous reads share the bucket").isEqualTo(429);
        assertThat(call(filter, "10.0.0.10").getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse call(final RateLimitFilter filter, final String ip) throws Exception {
        final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/market/instruments");
        request.setRemoteAddr(ip);
        final MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
