package io.branchline.engine.http;

import java.util.List;

/** Whether the engine is ready for viewers, and if not, what it is still doing (for {@code /health/ready}). */
public interface Readiness {

    /** Ready as soon as the server listens. */
    Readiness ALWAYS = new Readiness() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public List<String> waiting() {
            return List.of();
        }
    };

    boolean ready();

    /** The stories whose first scene is still being rendered at start-up. */
    List<String> waiting();
}
