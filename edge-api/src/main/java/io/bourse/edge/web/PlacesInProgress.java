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
 * ends without that dispatch (the client went away, the container's timeout) ends with it. A retried
 * place whose wait ran out is answered from the order's state, which may be asked of another node: it
 * counts until that node answers (5 s at most), so a node whose peer cannot answer sheds places.
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
        return oldestExcept(null);
    }

    /**
     * As {@link #oldest()}, leaving out the place {@code request} is answering: a place is not held
     * back by its own time, however long its checks took to get this far.
     */
    public Duration oldestBesides(final HttpServletRequest request) {
        return oldestExcept(request.getAttribute(ATTRIBUTE));
    }

    private Duration oldestExcept(final Object self) {
        Place oldest = pruned();
        if (oldest != null && oldest == self) {
            oldest = null;
            for (final Place place : places) {
                if (place != self && !place.over) {
                    oldest = place;
                    break;
                }
            }
        }
        return oldest == null ? Duration.ZERO : Duration.between(oldest.since, clock.instant());
    }

    /**
     * Drops the places that are over from the head of the line; the oldest still in progress, if any.
     * One thread at a time, so a head found over is the one removed (places are only ever added at the tail).
     */
    private synchronized Place pruned() {
        Place head = places.peek();
        while (head != null && head.over) {
            places.poll();
            head = places.peek();
        }
        return head;
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
        // Pruned on every arrival, so a flood of requests refused before they reach the guard never piles up.
        pruned();
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
