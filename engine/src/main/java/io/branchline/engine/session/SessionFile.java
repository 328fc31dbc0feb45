package io.branchline.engine.session;

import java.util.List;

/**
 * A session as it is kept on disk, so it survives a restart: who may steer it (a hash of its
 * token, never the token), which story, and its timeline.
 */
public record SessionFile(int version, String id, String storyId, String tokenHash, List<Played> timeline) {

    public static final int VERSION = 1;
}
