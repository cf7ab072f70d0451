package io.bourse.edge.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How long the oldest place this node is still answering has been in progress: from its arrival
 * until its answer starts to be written. That includes the wait for the exchange's verdict and, once
 * the verdict is in, the wait for a request thread to write the answer, which is where an overloaded
 * node's answers queue when its CPU is short. The busy guard of {@code POST /api/v1/orders} reads it.
 *
 * <p>A place answered on its first dispatch ends when that dispatch returns; one answered
 * asynchronously ends when its answer's dispatch begins, before a byte of the answer is written, so a
 * client that has its answer never finds its place still counted. A request whose async processing
 * ends without that dispatch (the client went away, the container's timeout) ends with it.
 */
public final class PlacesInProgress extends OncePerRequestFilter {

    /** The path of a place; registered for the request and async dispatches of this path only. */
    public static final String PATH = "/api/v1/orders";

    private static final String ATTRIBUTE = PlacesInProgress.class.getName();

    private static final class Place {
        private final Instant since;
        private volatile boolean over;

        private Place(final Instant since) {
            this.since = since;
        }
    }

    /** Places in the order they arrived; those that are over leave from the head. */
    private final Queue<Place> places = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    public PlacesInProgress(final Clock clock) {
        this.clock = clock;
    }

    /** How long the oldest place in progress has been (zero when none): how far behind this node's answers are. */
    public Duration oldest() {
        Place head = places.peek();
        while (head != null && head.over) {
            places.remove(head);
            head = places.peek();
        }
        return head == null ? Duration.ZERO : Duration.between(head.since, clock.instant());
    }

    @Override
    protected boolean shouldNotFilter(final HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(final HttpServletRequest request, final HttpServletResponse response, final FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            end(request);
            chain.doFilter(request, response);
            return;
        }
        final Place place = new Place(clock.instant());
        places.add(place);
        request.setAttribute(ATTRIBUTE, place);
        try {
            chain.doFilter(request, response);
        } finally {
            listenForTheEnd(request, place);
        }
    }

    /** Ends {@code place} now if it was answered on its first dispatch, else when its async processing ends. */
    private static void listenForTheEnd(final HttpServletRequest request, final Place place) {
        if (!request.isAsyncStarted()) {
            place.over = true;
            return;
        }
        try {
            request.getAsyncContext().addListener(new Ending(place));
        } catch (final IllegalStateException alreadyOver) {
            // The container finished the request's async processing under this thread: nothing is in progress.
            place.over = true;
        }
    }

    private static void end(final HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Place place) {
            place.over = true;
        }
    }

    /** Ends a place whose async processing ends by any way, its answer's dispatch included. */
    private record Ending(Place place) implements AsyncListener {

        @Override
        public void onComplete(final AsyncEvent event) {
            place.over = true;
        }

        @Override
        public void onTimeout(final AsyncEvent event) {
            place.over = true;
        }

        @Override
        public void onError(final AsyncEvent event) {
            place.over = true;
        }

        @Override
        public void onStartAsync(final AsyncEvent event) {
            // A new cycle of the same request: the listener is added again by the dispatch that starts it, if any.
        }
    }
}
