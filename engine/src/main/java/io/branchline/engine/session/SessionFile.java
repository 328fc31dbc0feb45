package io.branchline.engine.session;

import java.util.List;

/**
 * A session as it is kept on disk, so it survives a restart: who may steer it (a hash of its
 * token, never the token), which story, its timeline, and how far its HLS playlists had
 * promised the timeline (so a restart does not let a pick change what a player already read).
 *
 * <p>Version 2 added {@code promisedMs}; a version 1 file reads with 0 there (nothing promised).
 */
public record SessionFile(int version, String id, String storyId, String tokenHash, List<Played> timeline, long promisedMs) {

    public static final int VERSION = 2;
}
