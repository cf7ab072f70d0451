package io.bourse.edge.infra;

import org.springframework.context.SmartLifecycle;

/**
 * A part of the edge that keeps one {@link TopicFollower} running from the node's start to its stop.
 * It starts after the topics exist (the infrastructure starts first), with the edge's other consumers.
 */
public abstract class FollowingComponent<K, V> implements SmartLifecycle {

    private volatile TopicFollower<K, V> follower;

    /** The follower to run; called once by {@link #start()}. */
    protected abstract TopicFollower<K, V> newFollower();

    /** The running follower, or {@code null} before {@link #start()}. */
    protected final TopicFollower<K, V> follower() {
        return follower;
    }

    @Override
    public synchronized void start() {
        follower = newFollower();
        follower.start();
    }

    @Override
    public synchronized void stop() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null && follower.isRunning();
    }

    @Override
    public int getPhase() {
        return 10;
    }
}
