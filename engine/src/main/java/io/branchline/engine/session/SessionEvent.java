package io.branchline.engine.session;

import java.util.List;

/**
 * What happened in a session, in the words of the events stream: {@code scene-started},
 * {@code choice-open}, {@code choice-closed}, {@code ended}, {@code error}.
 *
 * @param type    the event's name
 * @param scene   the scene it concerns
 * @param atMs    the media time it happens at
 * @param detail  for choice-open, the labels of the options shown; for choice-closed, the label
 *                taken; for error, the message
 */
public record SessionEvent(String type, String scene, long atMs, List<String> detail) {
}
