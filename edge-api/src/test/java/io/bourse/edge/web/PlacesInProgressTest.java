package io.bourse.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.edge.HandClock;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A place counts from its arrival until its answer starts to be written: through its verdict wait
 * and through the wait for a thread to write the answer, not a moment after.
 */
class PlacesInProgressTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final PlacesInProgress places = new PlacesInProgress(clock);

    @Test
    void shouldCountAnAsyncPlaceUntilItsAnswersDispatchBegins() throws Exception {
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
        final MockHttpServletRequest first = arrive("POST", true);
        clock.advance(Duration.ofMillis(700));
        final MockHttpServletRequest second = arrive("POST", true);
        clock.advance(Duration.ofMillis(500));
        assertThat(places.oldest()).isEqualTo(Duration.ofMillis(1_200));

        // The first verdict is in, but no thread has begun its answer yet: still in progress.
        clock.advance(Duration.ofMillis(300));
        assertThat(places.oldest()).isEqualTo(Duration.ofMillis(1_500));

        // Its answer's dispatch: the place stops counting before the answer is written.
        final Duration[] whileWriting = new Duration[1];
        first.setDispatcherType(DispatcherType.ASYNC);
        places.doFilter(first, new MockHttpServletResponse(), within(request -> whileWriting[0] = places.oldest()));
        assertThat(whileWriting[0]).isEqualTo(Duration.ofMillis(800));
        assertThat(places.oldest()).isEqualTo(Duration.ofMillis(800));

        // A request whose async processing ends another way (the client went away) stops counting too.
        ((MockAsyncContext) second.getAsyncContext()).getListeners().forEach(listener -> end(listener, second, "error"));
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldStopCountingAPlaceWhoseAsyncProcessingCompletesOrTimesOutWithoutItsAnswersDispatch() throws Exception {
        final MockHttpServletRequest completed = arrive("POST", true);
        final MockHttpServletRequest timedOut = arrive("POST", true);
        clock.advance(Duration.ofSeconds(3));
        assertThat(places.oldest()).isEqualTo(Duration.ofSeconds(3));

        ((MockAsyncContext) completed.getAsyncContext()).getListeners().forEach(listener -> end(listener, completed, "complete"));
        ((MockAsyncContext) timedOut.getAsyncContext()).getListeners().forEach(listener -> end(listener, timedOut, "timeout"));
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldLeaveOutThePlaceThatAsksHowFarBehindTheOthersAre() throws Exception {
        final Duration[] besidesItself = new Duration[2];
        final MockHttpServletRequest first = new MockHttpServletRequest("POST", PlacesInProgress.PATH);
        first.setAsyncSupported(true);
        places.doFilter(first, new MockHttpServletResponse(), within(request -> {
            // Its own checks took long (a retry asked another node, say): that holds nobody back, itself included.
            clock.advance(Duration.ofSeconds(4));
            besidesItself[0] = places.oldestBesides((MockHttpServletRequest) request);
            request.startAsync();
        }));
        assertThat(besidesItself[0]).isEqualTo(Duration.ZERO);

        clock.advance(Duration.ofMillis(100));
        final MockHttpServletRequest second = new MockHttpServletRequest("POST", PlacesInProgress.PATH);
        places.doFilter(second, new MockHttpServletResponse(),
                within(request -> besidesItself[1] = places.oldestBesides((MockHttpServletRequest) request)));
        // The first place is still in progress: the second sees how long.
        assertThat(besidesItself[1]).isEqualTo(Duration.ofMillis(4_100));
        assertThat(places.oldest()).isEqualTo(Duration.ofMillis(4_100));
    }

    @Test
    void shouldCountAPlaceAnsweredAtOnceOnlyWhileItsFirstDispatchRuns() throws Exception {
        final Duration[] during = new Duration[1];
        final MockHttpServletRequest request = new MockHttpServletRequest("POST", PlacesInProgress.PATH);
        places.doFilter(request, new MockHttpServletResponse(), within(req -> {
            clock.advance(Duration.ofMillis(40));
            during[0] = places.oldest();
        }));
        assertThat(during[0]).isEqualTo(Duration.ofMillis(40));
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldLeaveCancelsAmendsAndReadsUncounted() throws Exception {
        arrive("DELETE", true);
        arrive("PATCH", true);
        arrive("GET", false);
        clock.advance(Duration.ofSeconds(5));
        assertThat(places.oldest()).isEqualTo(Duration.ZERO);
    }

    /** A request through the filter; an async one leaves its first dispatch with its processing started. */
    private MockHttpServletRequest arrive(final String method, final boolean async) throws Exception {
        final MockHttpServletRequest request = new MockHttpServletRequest(method, PlacesInProgress.PATH);
        request.setAsyncSupported(true);
        places.doFilter(request, new MockHttpServletResponse(), within(req -> {
            if (async) {
                req.startAsync();
            }
        }));
        return request;
    }

    /** A chain whose end (the servlet, as it were) runs {@code handler}. */
    private static MockFilterChain within(final Consumer<ServletRequest> handler) {
        return new MockFilterChain(new HttpServlet() {
        }, (request, response, chain) -> handler.accept(request));
    }

    /** Tells {@code listener} that the async processing of {@code request} ended the way {@code how} says. */
    private static void end(final AsyncListener listener, final MockHttpServletRequest request, final String how) {
        final AsyncEvent event = new AsyncEvent(request.getAsyncContext(), new IOException("connection reset"));
        try {
            switch (how) {
                case "complete" -> listener.onComplete(event);
                case "timeout" -> listener.onTimeout(event);
                default -> listener.onError(event);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
